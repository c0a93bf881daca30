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

    public string RequireConnectionString() =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new InvalidOperationException("Database:ConnectionString (OGI_Database__ConnectionString) is not set.")
            : Ogi.BuildingBlocks.EmbeddedPostgres.DatabaseUrl.ToNpgsql(ConnectionString);
}
