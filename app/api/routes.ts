// Every route module under app/api, by the folder path Next's App Router serves it at
// ("[param]" and "[...catchAll]" segments as in the folder names). Next itself does not read this
// file; tests/support/serve-api-routes.ts does, to serve the real route modules over node:http for
// the API tests and bench:api without building the app (lib/ never imports app/). A test checks
// that every app/api/**/route.ts is listed here.
export const API_ROUTE_MODULES = {
  "api/avro/get_alert": () => import("./avro/get_alert/route"),
  "api/avro/get_avro": () => import("./avro/get_avro/route"),
  "api/avro/get_avro_info": () => import("./avro/get_avro_info/route"),
  "api/avro/get_stamp": () => import("./avro/get_stamp/route"),
  "api/catshtm/catalogs": () => import("./catshtm/catalogs/route"),
  "api/catshtm/conesearch": () => import("./catshtm/conesearch/route"),
  "api/catshtm/conesearch_all": () => import("./catshtm/conesearch_all/route"),
  "api/catshtm/crossmatch": () => import("./catshtm/crossmatch/route"),
  "api/catshtm/crossmatch_all": () => import("./catshtm/crossmatch_all/route"),
  "api/explorer/objects/[oid]/[file]": () => import("./explorer/objects/[oid]/[file]/route"),
  "api/health": () => import("./health/route"),
  "api/live/events": () => import("./live/events/route"),
  "api/live/latency": () => import("./live/latency/route"),
  "api/multisurvey/lightcurve_api/detections": () => import("./multisurvey/lightcurve_api/detections/route"),
  "api/multisurvey/lightcurve_api/forced-photometry": () => import("./multisurvey/lightcurve_api/forced-photometry/route"),
  "api/multisurvey/lightcurve_api/lightcurve": () => import("./multisurvey/lightcurve_api/lightcurve/route"),
  "api/multisurvey/object_api/list_objects": () => import("./multisurvey/object_api/list_objects/route"),
  "api/multisurvey/object_api/object": () => import("./multisurvey/object_api/object/route"),
  "api/multisurvey/stamp_api/stamp": () => import("./multisurvey/stamp_api/stamp/route"),
  "api/objects/[oid]/explanation": () => import("./objects/[oid]/explanation/route"),
  "api/objects/[oid]/stamp-saliency/[kind]": () => import("./objects/[oid]/stamp-saliency/[kind]/route"),
  "api/openapi.json": () => import("./openapi.json/route"),
  "api/ztf/v1/[...path]": () => import("./ztf/v1/[...path]/route"),
  "api/ztf/v1/classifiers/[classifier_name]/[classifier_version]/classes": () =>
    import("./ztf/v1/classifiers/[classifier_name]/[classifier_version]/classes/route"),
  "api/ztf/v1/classifiers": () => import("./ztf/v1/classifiers/route"),
  "api/ztf/v1/objects/[oid]/detections": () => import("./ztf/v1/objects/[oid]/detections/route"),
  "api/ztf/v1/objects/[oid]/features/[name]": () => import("./ztf/v1/objects/[oid]/features/[name]/route"),
  "api/ztf/v1/objects/[oid]/features": () => import("./ztf/v1/objects/[oid]/features/route"),
  "api/ztf/v1/objects/[oid]/lightcurve": () => import("./ztf/v1/objects/[oid]/lightcurve/route"),
  "api/ztf/v1/objects/[oid]/magstats": () => import("./ztf/v1/objects/[oid]/magstats/route"),
  "api/ztf/v1/objects/[oid]/non_detections": () => import("./ztf/v1/objects/[oid]/non_detections/route"),
  "api/ztf/v1/objects/[oid]/probabilities": () => import("./ztf/v1/objects/[oid]/probabilities/route"),
  "api/ztf/v1/objects/[oid]": () => import("./ztf/v1/objects/[oid]/route"),
  "api/ztf/v1/objects/limit_values": () => import("./ztf/v1/objects/limit_values/route"),
  "api/ztf/v1/objects": () => import("./ztf/v1/objects/route"),
  "api/ztf/v1": () => import("./ztf/v1/route"),
} satisfies Record<string, () => Promise<object>>;
