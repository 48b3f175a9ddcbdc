// aladin-lite 3.x ships no type declarations: the small part of its API the sky view uses.
declare module "aladin-lite" {
  export interface AladinSource {
    ra: number;
    dec: number;
  }
  export interface AladinCatalog {
    addSources(sources: AladinSource[]): void;
  }
  export interface AladinInstance {
    addCatalog(catalog: AladinCatalog): void;
    removeLayers(): void;
    gotoRaDec(raDeg: number, decDeg: number): void;
    setFoV(fovDeg: number): void;
  }
  export interface AladinStatic {
    init: Promise<void>;
    aladin(element: HTMLElement | string, options?: Record<string, unknown>): AladinInstance;
    catalog(options?: Record<string, unknown>): AladinCatalog;
    source(raDeg: number, decDeg: number, data?: Record<string, unknown>, options?: Record<string, unknown>): AladinSource;
  }
  const A: AladinStatic;
  export default A;
}
