namespace Ogi.Cli.Tests;

public sealed class CallCommandTests
{
    [Fact]
    public async Task An_unknown_service_or_method_is_a_usage_mistake_naming_what_exists()
    {
        var service = await CliRun.InvokeAsync("call", "billing", "Pay", "--token", "t");
        Assert.Equal(2, service.ExitCode);
        Assert.Contains("intake, secrecy-review, coordination, assessment, accountability", service.Error, StringComparison.Ordinal);

        var method = await CliRun.InvokeAsync("call", "intake", "Teleport", "--token", "t");
        Assert.Equal(2, method.ExitCode);
        Assert.Contains("no RPC 'Teleport'", method.Error, StringComparison.Ordinal);
    }
}
