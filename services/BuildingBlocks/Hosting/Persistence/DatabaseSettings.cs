using System.Data.Common;
using Npgsql;

namespace Ogi.BuildingBlocks.Hosting.Persistence;

/// <summary>Configuration section "Database" (environment: OGI_Database__ConnectionString, …).</summary>
public sealed class DatabaseSettings
{
    public const string Section = "Database";

    /// <summary>The service's own login role; it can use only the service's schema.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Used only by <c>migrate</c>, to create the schema and the role when they do not exist yet.
    /// Leave unset where a DBA provisions roles; migrate then applies migrations as the service role.
    /// </summary>
    public string? AdminConnectionString { get; set; }

    /// <summary>Statements a connection keeps prepared when the connection string does not say (Max Auto Prepare).</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// The service's connection string, in Npgsql's form. Unless it says otherwise, statements a connection runs
    /// repeatedly are prepared on the server: under load, the group commit's PostgreSQL backend spent about a tenth
    /// of its time parsing the same few statements. <c>Max Auto Prepare=0</c> turns that off (for a pooler that
    /// cannot keep them).
    /// </summary>
    public string RequireConnectionString()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException("Database:ConnectionString (OGI_Database__ConnectionString) is not set.");
        }

        // Npgsql's form names each setting by its canonical keyword; the plain builder reports only what is present.
        var normalised = Ogi.BuildingBlocks.EmbeddedPostgres.DatabaseUrl.ToNpgsql(ConnectionString);
        if (new DbConnectionStringBuilder { ConnectionString = normalised }.ContainsKey("Max Auto Prepare"))
        {
            return normalised;
        }

        // Planned for each execution's values all the same: a generic plan made while a table was still small (a seq
        // scan) outlived its growth and slowed SubmitApplication tenfold. Parsing is what preparing saves.
        var builder = new NpgsqlConnectionStringBuilder(normalised) { MaxAutoPrepare = DefaultMaxAutoPrepare };
        builder.Options = $"{builder.Options} -c plan_cache_mode=force_custom_plan".Trim();
        return builder.ConnectionString;
    }
}
