using Npgsql;
using Ogi.BuildingBlocks.EmbeddedPostgres;

namespace Ogi.Hosting.Tests;

public sealed class DatabaseUrlTests
{
    [Fact]
    public void Url_form_becomes_npgsql_settings()
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToNpgsql("postgres://ogi:p%40ss@db.example:6543/platform?sslmode=require"));
        Assert.Equal(("db.example", 6543, "ogi", "p@ss", "platform", SslMode.Require),
            (settings.Host, settings.Port, settings.Username, settings.Password, settings.Database, settings.SslMode));
    }

    [Fact]
    public void Keyword_form_is_kept()
    {
        var settings = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToNpgsql("Host=h;Port=5999;Username=u;Database=d"));
        Assert.Equal(("h", 5999, "u", "d"), (settings.Host, settings.Port, settings.Username, settings.Database));
    }
}
