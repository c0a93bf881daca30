using Microsoft.Extensions.Configuration;
using Ogi.BuildingBlocks.Hosting;
using Ogi.Intake.Persistence;

namespace Ogi.Hosting.Tests;

public sealed class ConfigurationReloadTests
{
    [Fact]
    public void A_service_reads_its_appsettings_once_without_watching_files()
    {
        var builder = OgiHost.CreateBuilder<IntakeDbContext>(["--Database:ConnectionString=Host=h;Username=u;Database=d"], ServiceIdentity.Intake);

        var files = builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList();

        Assert.NotEmpty(files); // appsettings.json is still read
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched for changes"));
    }
}
