/** One catalogue row: the statement ID, the HTML bookmark of its section, a one-line summary. */
export type CatalogueRow = readonly [id: string, anchor: string, summary: string];
/** MQTT 3.1.1 rows have the same shape. */
export type CatalogueRow311 = CatalogueRow;
