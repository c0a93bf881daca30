using Microsoft.Extensions.Logging;

namespace Ogi.BuildingBlocks.Calendar;

/// <summary>
/// What services use: the current calendar and the profile catalogue together. Each period started here records
/// the calendar version and profile name it used (CAL-5).
/// </summary>
public sealed class DeadlineCalculator(CalendarLoader calendars, PolicyProfileCatalog profiles)
{
    public CalendarLoader Calendars { get; } = calendars;

    public PolicyProfileCatalog Profiles { get; } = profiles;

    /// <summary>Loads the shipped tables plus the operator folder and profile file named by <paramref name="options"/>.</summary>
    public static DeadlineCalculator Create(CalendarOptions options, ILogger? logger = null) =>
        new(new CalendarLoader(options.Directory, logger),
            options.ProfilesPath is null ? PolicyProfileCatalog.BuiltIn : PolicyProfileCatalog.Load(options.ProfilesPath));

    public PolicyProfile ProfileFor(string agencyCode) => Profiles.ForAgency(agencyCode);

    /// <summary>The agency's period of <paramref name="kind"/> from day <paramref name="start"/> with its clock stops.</summary>
    public PeriodClock Start(string agencyCode, PeriodKind kind, DateOnly start, IEnumerable<ClockStop>? stops = null) =>
        Start(ProfileFor(agencyCode), kind, start, stops);

    public PeriodClock Start(PolicyProfile profile, PeriodKind kind, DateOnly start, IEnumerable<ClockStop>? stops = null)
    {
        var (length, unit) = profile.Period(kind);
        return new PeriodClock(Calendars.Current, start, length, unit, profile.Name, stops);
    }

    /// <summary>INT-10: whether the clock is inside the profile's warning window on <paramref name="today"/>.</summary>
    public static bool IsWarningDue(PeriodClock clock, PolicyProfile profile, DateOnly today) =>
        !clock.Result.IsPaused && clock.DaysLeftOn(today) <= profile.DeadlineWarningWorkingDays;
}
