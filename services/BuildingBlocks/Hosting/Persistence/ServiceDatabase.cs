using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Ogi.BuildingBlocks.Hosting.Persistence;

/// <summary>
/// The migrate step of a service: create its schema and a login role confined to it (when an admin
/// connection is given), then apply the service's EF Core migrations as that role, so every table
/// is owned by the role and no other service's role can touch it.
/// </summary>
public static class ServiceDatabase
{
    public static void Configure<TContext>(DbContextOptionsBuilder options, string connectionString, ServiceIdentity service)
        where TContext : ServiceDbContext
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(ServiceDbContext.MigrationsHistoryTable, service.Schema));
        // Migrations are written by hand (EF's design-time package does not restore here); a test per
        // service checks that the migrated schema matches the model instead of a model snapshot.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    public static TContext CreateContext<TContext>(string connectionString, ServiceIdentity service)
        where TContext : ServiceDbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        Configure<TContext>(builder, connectionString, service);
        return (TContext)Activator.CreateInstance(typeof(TContext), builder.Options)!;
    }

    /// <summary>Creates the schema and the role confined to it. Idempotent; safe to run concurrently.</summary>
    public static async Task ProvisionAsync(string adminConnectionString, ServiceIdentity service, string rolePassword, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Serialise provisioning across services and replicas: CREATE ROLE is not idempotent under races.
        await Execute(connection, "SELECT pg_advisory_xact_lock(hashtext('ogi-provision'))", cancellationToken);

        await using (var ddl = new NpgsqlCommand("""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
                THEN format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD %L', $1, $2)
                ELSE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD %L', $1, $2) END
            """, connection)
        { Parameters = { new() { Value = service.Role }, new() { Value = rolePassword } } })
        {
            var statement = (string)(await ddl.ExecuteScalarAsync(cancellationToken))!;
            await Execute(connection, statement, cancellationToken);
        }

        var role = Quote(service.Role);
        var schema = Quote(service.Schema);
        await Execute(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {schema} AUTHORIZATION {role};
            ALTER SCHEMA {schema} OWNER TO {role};
            REVOKE ALL ON SCHEMA {schema} FROM PUBLIC;
            ALTER ROLE {role} SET search_path = {schema};
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Applies the service's migrations as the service role.</summary>
    public static async Task MigrateAsync<TContext>(string connectionString, ServiceIdentity service, CancellationToken cancellationToken = default)
        where TContext : ServiceDbContext
    {
        await using var context = CreateContext<TContext>(connectionString, service);
        await context.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The whole migrate command: provision when an admin connection is configured, then migrate.</summary>
    public static async Task MigrateAsync<TContext>(DatabaseSettings settings, ServiceIdentity service, CancellationToken cancellationToken = default)
        where TContext : ServiceDbContext
    {
        var connectionString = settings.RequireConnectionString();
        if (!string.IsNullOrWhiteSpace(settings.AdminConnectionString))
        {
            var password = new NpgsqlConnectionStringBuilder(connectionString).Password
                ?? throw new InvalidOperationException("Database:ConnectionString must carry the role's password for provisioning.");
            await ProvisionAsync(EmbeddedPostgres.DatabaseUrl.ToNpgsql(settings.AdminConnectionString), service, password, cancellationToken);
        }

        await MigrateAsync<TContext>(connectionString, service, cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
