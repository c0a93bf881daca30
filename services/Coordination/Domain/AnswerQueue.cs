using Ogi.BuildingBlocks.Calendar;

namespace Ogi.Coordination.Domain;

/// <summary>One letter an agency must answer: which coordination, what, what kind, by when, and how many working days are left.</summary>
public sealed record QueuedLetter(Guid CoordinationId, string ReleasingAgencyCode, string ItemTitle, LetterKind Kind, DateOnly DueOn, int WorkingDaysLeft);

/// <summary>CO-2, CO-3: what an agency concerned must answer, soonest first.</summary>
public static class AnswerQueue
{
    /// <summary>
    /// The letters to <paramref name="agencyCode"/> still awaiting its answer on <paramref name="today"/>, by due day.
    /// Working days left count the days after today up to the due day (0 on the due day itself).
    /// </summary>
    public static IReadOnlyList<QueuedLetter> For(string agencyCode, IEnumerable<ReleaseCoordination> coordinations, DateOnly today, WorkingDayCalendar calendar) =>
        coordinations
            .SelectMany(c => c.Letters
                .Where(l => l.Agency.AgencyCode == agencyCode && l.Status == LetterStatus.Awaiting && today <= l.DueOn)
                .Select(l => new QueuedLetter(c.Id, c.ReleasingAgencyCode, c.Item.Title, l.Kind, l.DueOn, calendar.WorkingDaysLeft(today, l.DueOn).Days)))
            .OrderBy(q => q.DueOn)
            .ThenBy(q => q.CoordinationId)
            .ToList();
}
