using Npgsql;
using Ogi.BuildingBlocks.Hosting;
using Ogi.BuildingBlocks.Hosting.Persistence;

namespace Ogi.BuildingBlocks.Testing;

/// <summary>Provisions a service's schema and role in a database and applies its migrations, as the migrate step does.</summary>
public static class ServiceDatabaseSetup
{
    public const string TestRolePassword = "test-role-password";

    /// <summary>Returns the service role's connection string.</summary>
    public static async Task<string> ProvisionAndMigrateAsync<TContext>(string adminConnectionString, ServiceIdentity service)
        where TContext : ServiceDbContext
    {
        var roleConnection = RoleConnectionString(adminConnectionString, service);
        await ServiceDatabase.MigrateAsync<TContext>(
            new DatabaseSettings { AdminConnectionString = adminConnectionString, ConnectionString = roleConnection }, service);
        return roleConnection;
    }

    public static string RoleConnectionString(string adminConnectionString, ServiceIdentity service) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Username = service.Role,
            Password = TestRolePassword,
        }.ConnectionString;
}
