/**
 * Documented columns of the open datasets. A column is a zod schema that carries its meaning in
 * both languages: the English text becomes the JSON Schema description, both are listed on /data/,
 * and the column's type is read back from the generated JSON Schema, so the three never disagree.
 */
import { z } from 'zod';

export interface ColumnLabel {
  zh: string;
  en: string;
}

/** Labels of every documented column, kept apart from the JSON Schema metadata. */
export const columnLabels = z.registry<ColumnLabel>();

/** A value a CSV cell can hold. */
export type Cell = string | number | boolean | null;
export type FlatRow = Record<string, Cell>;

export function column<T extends z.ZodType>(schema: T, zh: string, en: string): T {
  const described = schema.meta({ description: en });
  columnLabels.add(described, { zh, en });
  return described;
}

export type ColumnType = 'string' | 'integer' | 'number' | 'boolean';

export interface ColumnDoc extends ColumnLabel {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** JSON Schema format (date, date-time, uri) or allowed values, for the documentation. */
  format: string | null;
  values: string[] | null;
}

interface PropertySchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  anyOf?: PropertySchema[];
}

/** The type of one property of a generated JSON Schema: its type, and whether null is allowed. */
export function propertyType(property: PropertySchema): { type: ColumnType; nullable: boolean; format: string | null; values: string[] | null } {
  // Nullable comes as {"type": ["string", "null"]} or as {"anyOf": [{…}, {"type": "null"}]}.
  const variants = (property.anyOf ?? [property]).flatMap((v) =>
    Array.isArray(v.type) ? v.type.map((type) => ({ ...v, type })) : [v],
  );
  const nullable = variants.some((v) => v.type === 'null');
  const main = variants.find((v) => v.type !== 'null');
  const type = main?.type;
  if (type !== 'string' && type !== 'integer' && type !== 'number' && type !== 'boolean') {
    throw new Error(`column type ${JSON.stringify(property)} is not a flat CSV type`);
  }
  return {
    type,
    nullable,
    format: main?.format ?? null,
    values: main?.enum ? main.enum.map(String) : null,
  };
}

/** The documented columns of a flat row schema, in order. */
export function describeColumns(row: z.ZodObject): ColumnDoc[] {
  const json = z.toJSONSchema(row) as { properties: Record<string, PropertySchema> };
  return Object.entries(row.shape).map(([name, field]) => {
    const label = columnLabels.get(field as z.ZodType);
    if (!label) throw new Error(`column ${name} has no description; declare it with column()`);
    return { name, ...label, ...propertyType(json.properties[name]!) };
  });
}
