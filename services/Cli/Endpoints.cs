using System.Globalization;

namespace Ogi.Cli;

/// <summary>
/// Where each service answers. Default: `make run`'s loopback ports (50051…50055). --target HOST and --base-port N
/// move them together; OGI_ADDRESS_INTAKE (…_SECRECY_REVIEW, _COORDINATION, _ASSESSMENT, _ACCOUNTABILITY) point one
/// service anywhere, e.g. https://intake.ogi.example.gov.cn behind an ingress.
/// </summary>
internal sealed class Endpoints(string target, int basePort)
{
    public static readonly string[] Services = ["intake", "secrecy-review", "coordination", "assessment", "accountability"];

    public string Address(string service)
    {
        var index = Array.IndexOf(Services, service);
        if (index < 0)
        {
            throw new ArgumentException($"unknown service '{service}'", nameof(service));
        }

        var variable = "OGI_ADDRESS_" + service.Replace('-', '_').ToUpperInvariant();
        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured
            ? configured
            : $"http://{target}:{(basePort + index).ToString(CultureInfo.InvariantCulture)}";
    }
}
