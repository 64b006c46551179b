export interface IdGenerator {
  /** A new unique, URL-safe id. */
  newId(): string;
}
