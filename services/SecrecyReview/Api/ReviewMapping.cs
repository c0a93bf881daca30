using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Ogi.BuildingBlocks.Domain;
using Ogi.SecrecyReview.Domain.Findings;
using Ogi.SecrecyReview.Domain.Redaction;
using Ogi.SecrecyReview.Domain.Reviews;
using Ogi.SecrecyReview.Persistence;
using Pb = Ogi.Contracts.Review.V1;

namespace Ogi.SecrecyReview.Api;

/// <summary>Between the domain and the ogi.review.v1 contract. Contract enums are the domain's, shifted by one for UNSPECIFIED.</summary>
public static class ReviewMapping
{
    /// <summary>A contract enum value as the domain enum; UNSPECIFIED or unknown is refused naming the field.</summary>
    public static T FromContract<T>(int value, string field)
        where T : struct, System.Enum
    {
        var domain = (T)System.Enum.ToObject(typeof(T), value - 1);
        return value >= 1 && System.Enum.IsDefined(domain)
            ? domain
            : throw new InvalidInputException(field, value == 0 ? "required" : $"unknown value {value}");
    }

    public static int ToContract<T>(T value)
        where T : struct, System.Enum => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) + 1;

    public static Google.Type.Date ToDate(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    public static Google.Type.Date? ToDate(DateOnly? day) => day is { } d ? ToDate(d) : null;

    public static DateOnly FromDate(Google.Type.Date? date, string field)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            throw new InvalidInputException(field, "required");
        }

        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InvalidInputException(field, $"{date.Year}-{date.Month}-{date.Day} is not a date");
        }
    }

    public static Timestamp ToTimestamp(DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static Pb.Item ToContract(ItemRow row, ReviewItem item, Review? current)
    {
        var view = new Pb.Item
        {
            ItemId = item.ItemId,
            AgencyCode = item.AgencyCode,
            Source = (Pb.ItemSource)ToContract(item.Source),
            Title = item.Title,
            Text = item.Text,
            ApplicationId = item.ApplicationId ?? "",
            DocumentId = row.DocumentId ?? "",
            ReplyDeadline = ToDate(item.ReplyDeadline),
            DeclaredClassification = (Pb.SecrecyLevel)(int)(item.DeclaredClassification ?? 0),
            CoProducers = { item.CoProducers ?? [] },
            SubmittedBy = row.SubmittedBy,
            SubmittedAt = ToTimestamp(row.SubmittedAt),
        };
        if (item.Proactive is { } period)
        {
            var deferrals = current?.Deferrals ?? [];
            view.Proactive = new Pb.ProactivePeriod
            {
                FormedOrChangedOn = ToDate(period.FormedOrChangedOn),
                PeriodWorkingDays = ProactivePeriod.WorkingDays,
                PublicationDeadline = ToDate(period.PublicationDeadline),
                Deferrals = { deferrals.Select(d => new Pb.Deferral
                {
                    ApprovedByHead = d.ApprovedByHead,
                    WorkingDays = d.WorkingDays,
                    DeferredUntil = ToDate(d.DeferredUntil),
                    Reason = d.Reason,
                    RecordedAt = ToTimestamp(d.RecordedAt),
                }) },
                DeferredWorkingDays = deferrals.Sum(d => d.WorkingDays),
                MaxDeferralWorkingDays = PublicationDeferral.MaxWorkingDays,
                DueOn = ToDate(deferrals.Count > 0 ? deferrals[^1].DeferredUntil : period.PublicationDeadline),
            };
        }

        return view;
    }

    public static Pb.Review ToContract(LoadedReview loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var review = loaded.Review;
        var view = new Pb.Review
        {
            ReviewId = review.Id,
            Item = ToContract(loaded.ItemRow, review.Item, review),
            Status = (Pb.ReviewStatus)ToContract(review.Status),
            Submitter = review.Submitter,
            Reviewer = review.Reviewer ?? "",
            ApprovingLeader = review.ApprovingLeader ?? "",
            Findings = { review.Findings.Select(ToContract) },
            Classified = review.IsClassified,
            PassedForRelease = review.PassedForRelease,
            DueOn = ToDate(review.DueOn),
            SubmittedAt = ToTimestamp(review.SubmittedAt),
            ConcludedAt = review.ConcludedAt is { } concluded ? ToTimestamp(concluded) : null,
            Determination = review.Determination is { } d
                ? new Pb.Determination { Authority = d.Authority, DecidedOn = ToDate(d.DecidedOn), DocumentNumber = d.DocumentNumber, IsStateSecret = d.IsStateSecret }
                : null,
            PriorDeclassification = ToContract(review.PriorDeclassification),
            Declassification = ToContract(review.Declassification),
            Consents = { review.Consents.Select(c => new Pb.CoProducerConsent
            {
                CoProducer = c.CoProducer,
                Consents = c.Consents,
                WrittenReference = c.WrittenReference,
                RecordedAt = ToTimestamp(c.RecordedAt),
            }) },
        };
        if (review.Checklist is { } checklist)
        {
            view.Checklist.AddRange(checklist.Answers.OrderBy(a => a.Key).Select(a => new Pb.ChecklistAnswer
            {
                Question = (Pb.ChecklistQuestion)ToContract(a.Key),
                Yes = a.Value.Yes,
                Note = a.Value.Note,
            }));
        }

        if (review.Opinion is { } opinion)
        {
            view.Opinion = new Pb.Opinion
            {
                Kind = (Pb.OpinionKind)ToContract(opinion.Kind),
                Basis = opinion.Basis,
                Reason = opinion.Reason,
                Ground = opinion.Ground is { } ground ? (Pb.ExemptionGround)ToContract(ground) : Pb.ExemptionGround.Unspecified,
                Withheld = { (opinion.Withheld ?? []).Select(w => new Pb.WithheldRange { Start = w.Start, Length = w.Length, Reason = w.Reason }) },
                CompetentAuthority = opinion.CompetentAuthority ?? "",
            };
        }

        if (review.ReleasedText is { } released)
        {
            view.ReleasedText = released.Text;
            view.ReleasedTextSha256 = Sha256(released.Text);
            view.Redactions.AddRange(released.Redactions.Select(ToContract));
        }

        return view;
    }

    public static Pb.Redaction ToContract(RedactedPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return new Pb.Redaction { Start = part.Start, Length = part.Length, ReleasedStart = part.ReleasedStart, ReleasedLength = part.ReleasedLength, Reason = part.Reason };
    }

    private static Pb.Finding ToContract(ReviewFinding finding)
    {
        var f = finding.Finding;
        return new Pb.Finding
        {
            Number = finding.Number,
            Kind = (Pb.FindingKind)ToContract(f.Kind),
            Start = f.Start,
            Length = f.Length,
            Line = f.Line,
            Column = f.Column,
            Text = f.Text,
            Level = (Pb.SecrecyLevel)(int)(f.Level ?? 0),
            Resolution = finding.Resolution is { } r
                ? new Pb.FindingResolution
                {
                    Disposition = (Pb.FindingDisposition)ToContract(r.Disposition),
                    Justification = r.Justification,
                    ResolvedBy = r.ResolvedBy,
                    ResolvedAt = ToTimestamp(r.ResolvedAt),
                }
                : null,
        };
    }

    private static Pb.Declassification? ToContract(Declassification? declassification) => declassification is { } d
        ? new Pb.Declassification { Authority = d.Authority, DecidedOn = ToDate(d.DecidedOn), DocumentNumber = d.DocumentNumber }
        : null;

    public static Pb.Release ToContract(ReleaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new Pb.Release
        {
            ReleaseId = row.Id.ToString(),
            ItemId = row.ItemId,
            Reviewed = row.Reviewed,
            ReviewId = row.ReviewId ?? "",
            ReleasedOn = ToDate(row.ReleasedOn),
            ReleasedTextSha256 = row.ReleasedTextSha256,
            RecordedBy = row.RecordedBy,
            WithinPeriod = row.WithinPeriod ?? false,
        };
    }

    public static Pb.Violation ToContract(ViolationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new Pb.Violation
        {
            ViolationId = row.Id.ToString(),
            Kind = (Pb.ViolationKind)ToContract(System.Enum.Parse<Domain.Supervision.ViolationKind>(row.Kind)),
            ItemId = row.ItemId,
            ReviewId = row.ReviewId ?? "",
            Description = row.Description,
            DetectedAt = ToTimestamp(row.DetectedAt),
        };
    }

    /// <summary>SR-3: the opinion as the domain takes it; the domain checks basis, reason, ground and ranges.</summary>
    public static Opinion FromContract(Pb.Opinion? opinion)
    {
        if (opinion is null)
        {
            throw new InvalidInputException("opinion", "required");
        }

        var kind = FromContract<OpinionKind>((int)opinion.Kind, "opinion.kind");
        return new Opinion(
            kind,
            opinion.Basis,
            opinion.Reason,
            opinion.Ground == Pb.ExemptionGround.Unspecified ? null : FromContract<ExemptionGround>((int)opinion.Ground, "opinion.ground"),
            opinion.Withheld.Count == 0 ? null : opinion.Withheld.Select(w => new WithheldRange(w.Start, w.Length, w.Reason)).ToList(),
            string.IsNullOrWhiteSpace(opinion.CompetentAuthority) ? null : opinion.CompetentAuthority);
    }

    public static SecrecyLevel? FromContract(Pb.SecrecyLevel level, string field) => level switch
    {
        Pb.SecrecyLevel.Unspecified => null,
        Pb.SecrecyLevel.Secret or Pb.SecrecyLevel.Confidential or Pb.SecrecyLevel.TopSecret => (SecrecyLevel)(int)level,
        _ => throw new InvalidInputException(field, $"unknown value {(int)level}"),
    };
}
