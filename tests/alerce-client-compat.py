"""Replays, with python3-requests, exactly the HTTP requests ALeRCE's Python client (alerce 2.3.0,
alerce/ztf_search.py, stamps.py, utils.py, exceptions.py, default_config.json) makes for the ZTF
API, and parses the answers as it does. The client itself is not in Debian, so its request
building is emulated here (never copied): ZTF_API_URL ends with "/" and routes start with "/", so
URLs carry a double slash; query_objects renames class_name to `class` and sends lists as repeated
keys; errors are read from `errors`; get_stamps formats the stamp URL by hand and gunzips FITS.
Usage: python3 alerce-client-compat.py BASE_URL OID   (prints one JSON summary line)."""
import gzip
import io
import json
import sys

import requests

BASE, OID = sys.argv[1].rstrip("/"), sys.argv[2]
ZTF_API_URL = BASE + "/api/ztf/v1/"  # as a user would write it, ALeRCE-style, with the trailing slash
AVRO_URL = BASE + "/api/avro"
ROUTES = {
    "objects": "/objects", "single_object": "/objects/%s", "detections": "/objects/%s/detections",
    "non_detections": "/objects/%s/non_detections", "lightcurve": "/objects/%s/lightcurve",
    "magstats": "/objects/%s/magstats", "probabilities": "/objects/%s/probabilities",
    "features": "/objects/%s/features", "single_feature": "/objects/%s/features/%s",
    "classifiers": "/classifiers", "classifier_classes": "/classifiers/%s/%s/classes",
}
session = requests.Session()


class ApiError(Exception):
    def __init__(self, code, data):
        super().__init__(f"{code}: {data}")
        self.code, self.data = code, data


def url(resource, *args):
    return ZTF_API_URL + ROUTES[resource] % args


def request(u, params=None):
    resp = session.request("GET", u, params=params, data=None)
    if resp.status_code >= 400:
        try:
            data = resp.json().get("errors", {})
            resp.json().get("detail")
        except requests.exceptions.JSONDecodeError:
            data = "Unknown API error."
        raise ApiError(resp.status_code, data)
    return resp.json()


def query_objects(**kwargs):
    if "class_name" in kwargs:
        kwargs["class"] = kwargs.pop("class_name")
    return request(url("objects"), params=kwargs)


summary = {}
page = query_objects(classifier="stamp_classifier", class_name="SN", probability=0.3, page_size=5, count=True)
assert set(page) == {"total", "page", "next", "has_next", "prev", "has_prev", "items"}, page.keys()
summary["sn_oids"] = [i["oid"] for i in page["items"]]
summary["sn_total"] = page["total"]
summary["by_ndet"] = [i["oid"] for i in query_objects(ndet=[5, 1000], firstmjd=[58000, 61000], order_by="ndet", order_mode="DESC", page_size=3)["items"]]
obj = request(url("single_object", OID))
summary["cone"] = [i["oid"] for i in query_objects(ra=obj["meanra"], dec=obj["meandec"], radius=30)["items"]]
summary["oid_list"] = [i["oid"] for i in query_objects(oid=[OID, "ZTF20aaelulu"])["items"]]
lc = request(url("lightcurve", OID))
summary["lightcurve"] = [len(lc["detections"]), len(lc["non_detections"])]
detections = request(url("detections", OID))
summary["detections"] = len(detections)
summary["non_detections"] = len(request(url("non_detections", OID)))
summary["magstats_fids"] = [m["fid"] for m in request(url("magstats", OID))]
summary["probabilities"] = [(p["class_name"], p["ranking"]) for p in request(url("probabilities", OID), params={"classifier": "stamp_classifier"})]
summary["features"] = len(request(url("features", OID)))
classifiers = request(url("classifiers"))
summary["classifiers"] = [c["classifier_name"] for c in classifiers]
stamp_version = next(c["classifier_version"] for c in classifiers if c["classifier_name"] == "stamp_classifier")
summary["classes"] = [c["name"] for c in request(url("classifier_classes", "stamp_classifier", stamp_version))]
for bad, expected in ((lambda: request(url("single_object", "ZTF00nothere")), 404), (lambda: query_objects(ndet="abc"), 400)):
    try:
        bad()
        raise AssertionError("no error")
    except ApiError as e:
        assert e.code == expected, e
        if expected == 400:
            assert "ndet" in e.data, e.data
summary["errors_ok"] = True

# stamps.py: _get_first_detection, then get_stamps / get_avro
candid = min(int(d["candid"]) for d in detections if d["has_stamp"])
shapes = []
for stamp_type in ["science", "template", "difference"]:
    u = "%s?oid=%s&candid=%s&type=%s&format=fits" % (AVRO_URL + "/get_stamp", OID, candid, stamp_type)
    content = session.request("GET", u).content
    with gzip.open(io.BytesIO(content), "rb") as f:
        fits = f.read()
    header = {fits[i:i + 8].decode().strip(): fits[i + 10:i + 80].decode().split("/")[0].strip() for i in range(0, 2880, 80)}
    shapes.append([int(header["NAXIS1"]), int(header["NAXIS2"])])
summary["stamp_candid"] = str(candid)
summary["stamp_shapes"] = shapes
avro = session.request("GET", AVRO_URL + "/get_avro", params={"oid": OID, "candid": candid}).content
summary["avro_magic"] = avro[:4].decode("latin-1")
print(json.dumps(summary))
