using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Ogi.BuildingBlocks.Hosting.Persistence;

namespace Ogi.BuildingBlocks.Testing;

/// <summary>
/// Compares a context's EF model with the schema its migrations produced: every mapped table and
/// column exists, with the same type and nullability. Stands in for EF's model snapshot, which the
/// hand-written migrations do not have.
/// </summary>
public static class SchemaConformance
{
    public static async Task<IReadOnlyList<string>> DifferencesAsync(ServiceDbContext context)
    {
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        var problems = new List<string>();
        foreach (var entity in context.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = await ColumnsAsync(connection, table.Schema!, table.Name);
            if (columns.Count == 0)
            {
                problems.Add($"table {table.Schema}.{table.Name} is missing");
                continue;
            }

            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName(table);
                if (name is null)
                {
                    continue;
                }

                if (!columns.TryGetValue(name, out var actual))
                {
                    problems.Add($"{table.Schema}.{table.Name}.{name} is missing");
                    continue;
                }

                var expectedType = Normalise(property.GetColumnType(table));
                if (expectedType != actual.Type)
                {
                    problems.Add($"{table.Schema}.{table.Name}.{name}: model type {expectedType}, database type {actual.Type}");
                }

                if (property.IsColumnNullable(table) != actual.Nullable)
                {
                    problems.Add($"{table.Schema}.{table.Name}.{name}: model nullable={property.IsColumnNullable(table)}, database nullable={actual.Nullable}");
                }
            }
        }

        return problems;
    }

    private static string Normalise(string type)
    {
        var bare = type.Split('(')[0].Trim().ToLowerInvariant();
        return bare switch
        {
            "timestamptz" => "timestamp with time zone",
            "varchar" => "character varying",
            "int" or "int4" => "integer",
            "int8" => "bigint",
            "bool" => "boolean",
            _ => bare,
        };
    }

    private static async Task<Dictionary<string, (string Type, bool Nullable)>> ColumnsAsync(NpgsqlConnection connection, string schema, string table)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT a.attname, format_type(a.atttypid, NULL), NOT a.attnotnull
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
            """, connection)
        { Parameters = { new() { Value = schema }, new() { Value = table } } };
        var result = new Dictionary<string, (string, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = (reader.GetString(1), reader.GetBoolean(2));
        }

        return result;
    }
}
