namespace Ogi.Cli.Tests;

/// <summary>One `ogi` invocation in-process, with its output, error and exit code.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args) => await InvokeAsync(CancellationToken.None, args);

    public static async Task<CliRun> InvokeAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Cli.RunAsync(args, output, error, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
