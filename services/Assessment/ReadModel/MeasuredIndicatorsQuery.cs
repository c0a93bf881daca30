using Microsoft.EntityFrameworkCore;
using Ogi.Assessment.Domain.Schemes;
using Ogi.Assessment.Persistence;

namespace Ogi.Assessment.ReadModel;

/// <summary>A case behind a measured number: its reference, the day that counted and what happened.</summary>
public sealed record MeasuredCase(string Reference, DateOnly On, string Note);

/// <summary>One measured indicator (AS-4) with the cases behind it: for a rate, met of total and the shortfalls.</summary>
public sealed record MeasuredValue(MeasuredIndicator Indicator, int Met, int Total, IReadOnlyList<MeasuredCase> Cases)
{
    public Measurement ToMeasurement() => Indicator.IsRate()
        ? Measurement.Rate(Indicator, Met, Total, Cases.Select(c => c.Reference).ToList())
        : Measurement.Count(Indicator, Cases.Select(c => c.Reference).ToList());
}

/// <summary>AS-4: the platform's own measurements of an agency over a period (inclusive), from the read model.</summary>
public static class MeasuredIndicatorsQuery
{
    public static async Task<IReadOnlyList<MeasuredValue>> ComputeAsync(AssessmentDbContext db, string agencyCode, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var replies = await db.ApplicationFacts.AsNoTracking()
            .Where(f => f.AgencyCode == agencyCode && f.RepliedOn >= from && f.RepliedOn <= to)
            .Select(f => new { f.ApplicationId, f.TrackingNumber, RepliedOn = f.RepliedOn!.Value, f.Late, f.Deadline })
            .ToListAsync(ct);
        var breached = await db.ApplicationFacts.AsNoTracking()
            .Where(f => f.AgencyCode == agencyCode && f.BreachedOn >= from && f.BreachedOn <= to && (f.RepliedOn == null || f.RepliedOn > to))
            .Select(f => new { f.ApplicationId, f.TrackingNumber, BreachedOn = f.BreachedOn!.Value, f.Deadline })
            .ToListAsync(ct);
        var releases = await db.ReleaseFacts.AsNoTracking()
            .Where(r => r.AgencyCode == agencyCode && r.ReleasedOn >= from && r.ReleasedOn <= to).ToListAsync(ct);
        var letters = await db.LetterFacts.AsNoTracking()
            .Where(l => l.AgencyCode == agencyCode && l.DueOn >= from && l.DueOn <= to).ToListAsync(ct);
        var complaints = await db.ComplaintFacts.AsNoTracking()
            .Where(c => c.AgencyCode == agencyCode && c.AnsweredOn >= from && c.AnsweredOn <= to).ToListAsync(ct);

        var lateReplies = replies.Where(r => r.Late == true)
            .Select(r => new MeasuredCase(r.TrackingNumber ?? r.ApplicationId.ToString(), r.RepliedOn, $"答复期限 {r.Deadline:yyyy-MM-dd}，逾期答复"))
            .ToList();
        var overdue = lateReplies
            .Concat(breached.Select(b => new MeasuredCase(b.TrackingNumber ?? b.ApplicationId.ToString(), b.BreachedOn, $"答复期限 {b.Deadline:yyyy-MM-dd}，逾期未答复")))
            .OrderBy(c => c.On).ThenBy(c => c.Reference, StringComparer.Ordinal).ToList();
        var proactive = releases.Where(r => r.Proactive).ToList();
        return
        [
            new(MeasuredIndicator.OnTimeReplyRate, replies.Count - lateReplies.Count, replies.Count, lateReplies),
            new(MeasuredIndicator.OverdueReplies, overdue.Count, overdue.Count, overdue),
            new(MeasuredIndicator.ShareOfReleasesReviewed, releases.Count(r => r.Reviewed), releases.Count,
                releases.Where(r => !r.Reviewed).OrderBy(r => r.ReleasedOn).Select(r => new MeasuredCase(r.ItemId, r.ReleasedOn, "未经保密审查发布")).ToList()),
            new(MeasuredIndicator.CoordinationRepliesOnTime, letters.Count(l => l.OnTime), letters.Count,
                letters.Where(l => !l.OnTime).OrderBy(l => l.DueOn)
                    .Select(l => new MeasuredCase(l.CoordinationId, l.AnsweredOn ?? l.DueOn, l.AnsweredOn is null ? $"期限 {l.DueOn:yyyy-MM-dd} 未回复" : $"期限 {l.DueOn:yyyy-MM-dd}，逾期回复"))
                    .ToList()),
            new(MeasuredIndicator.ComplaintsHandledOnTime, complaints.Count(c => c.OnTime), complaints.Count,
                complaints.Where(c => !c.OnTime).OrderBy(c => c.AnsweredOn).Select(c => new MeasuredCase(c.CaseId, c.AnsweredOn, $"期限 {c.DueOn:yyyy-MM-dd}，逾期办理")).ToList()),
            new(MeasuredIndicator.ProactiveItemsWithinTwentyWorkingDays, proactive.Count(r => r.WithinPeriod), proactive.Count,
                proactive.Where(r => !r.WithinPeriod).OrderBy(r => r.ReleasedOn)
                    .Select(r => new MeasuredCase(r.ItemId, r.ReleasedOn, $"公开期限 {r.PublicationDeadline:yyyy-MM-dd}，超过20个工作日")).ToList()),
        ];
    }

    public static async Task<IReadOnlyList<MeasuredCase>> AccountabilityDecisionsAsync(AssessmentDbContext db, string agencyCode, DateOnly from, DateOnly to, CancellationToken ct) =>
        (await db.AccountabilityDecisions.AsNoTracking()
            .Where(d => d.AgencyCode == agencyCode && d.DecidedOn >= from && d.DecidedOn <= to)
            .OrderBy(d => d.DecidedOn).ToListAsync(ct))
        .Select(d => new MeasuredCase(d.CaseId, d.DecidedOn, d.Violation)).ToList();
}
