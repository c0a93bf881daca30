using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Ogi.Intake;

/// <summary>
/// Configuration section "Intake" (OGI_Intake__…): the secret that keys applicant hashes and verification codes,
/// and the deadline monitor's interval, batch and warning window.
/// </summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    private const string WellKnownDevelopmentSecret = "ogi-intake-well-known-development-secret-never-use-in-production";

    /// <summary>Keys the applicant hash (INT-7 monthly counts) and the verification codes (INT-3).</summary>
    public required byte[] ApplicantKeySecret { get; init; }

    /// <summary>Whether this replica runs the monitor loop (every replica may: rows are taken with SKIP LOCKED).</summary>
    public bool MonitorEnabled { get; init; } = true;

    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromMinutes(1);

    public int MonitorBatchSize { get; init; } = 200;

    /// <summary>INT-10: warn this many working days before a deadline; null: the agency profile's (default 3).</summary>
    public int? WarningWorkingDays { get; init; }

    public static IntakeOptions FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(Section);
        var secret = section["ApplicantKeySecret"];
        if (string.IsNullOrEmpty(secret))
        {
            secret = environment.IsDevelopment()
                ? WellKnownDevelopmentSecret
                : throw new InvalidOperationException($"Intake:ApplicantKeySecret (OGI_Intake__ApplicantKeySecret) is not set and the environment is '{environment.EnvironmentName}', not Development.");
        }

        if (Encoding.UTF8.GetByteCount(secret) < 32)
        {
            throw new InvalidOperationException("Intake:ApplicantKeySecret must be at least 32 bytes.");
        }

        var warning = section.GetValue<int?>("Monitor:WarningWorkingDays");
        if (warning is < 0 or > 20)
        {
            throw new InvalidOperationException("Intake:Monitor:WarningWorkingDays must be between 0 and 20.");
        }

        return new IntakeOptions
        {
            ApplicantKeySecret = Encoding.UTF8.GetBytes(secret),
            MonitorEnabled = section.GetValue("Monitor:Enabled", true),
            MonitorInterval = TimeSpan.FromSeconds(Math.Max(0.05, section.GetValue("Monitor:IntervalSeconds", 60.0))),
            MonitorBatchSize = Math.Clamp(section.GetValue("Monitor:BatchSize", 200), 1, 5000),
            WarningWorkingDays = warning,
        };
    }
}
