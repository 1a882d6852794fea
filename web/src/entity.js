// The id of a listed entity in /v1/entities/{id}: "SOURCE:SOURCE_ID".
export function entityId(hit) {
  return `${hit.source}:${hit.source_id}`;
}
