using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Identity.PersonalData;
using Ogi.Intake.Domain;
using P = Ogi.Contracts.Intake.V1;

namespace Ogi.Intake.Api;

/// <summary>
/// Between the domain and the contract. Most enums share their numbers with the contract's (0 = unspecified);
/// classification, review verdict and coordination state are shifted by one because their domain zero is a real value.
/// </summary>
internal static class ProtoMapping
{
    public static Google.Type.Date ToDate(this DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    public static Google.Type.Date? ToDate(this DateOnly? day) => day?.ToDate();

    /// <summary>An optional date: absent (or all zero) gives null; a malformed one is refused naming the field.</summary>
    public static DateOnly? ToDateOnly(this Google.Type.Date? date, string field)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            return null;
        }

        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new InvalidInputException(field, "日期无效");
        }
    }

    public static DateOnly RequiredDate(this Google.Type.Date? date, string field) =>
        date.ToDateOnly(field) ?? throw new InvalidInputException(field, "日期不能为空");

    public static Guid ApplicationId(string value) =>
        Guid.TryParse(value, out var id) ? id : throw new InvalidInputException("application_id", "申请编号无效");

    public static Applicant ToDomain(this P.Applicant? applicant) => applicant is null
        ? throw new InvalidInputException("applicant", "申请人信息不能为空")
        : new Applicant((ApplicantType)(int)applicant.Type, applicant.Name, (IdentityDocumentType)(int)applicant.DocumentType, applicant.DocumentNumber,
            NullIfEmpty(applicant.Phone), NullIfEmpty(applicant.Email), NullIfEmpty(applicant.PostalAddress));

    public static RequestDetails ToDomain(this P.RequestDetails? request) => request is null
        ? throw new InvalidInputException("request", "申请内容不能为空")
        : new RequestDetails(request.Kind == P.ApplicationKind.Unspecified ? ApplicationKind.Disclosure : (ApplicationKind)(int)request.Kind,
            request.Description, NullIfEmpty(request.DocumentTitle), NullIfEmpty(request.DocumentNumber),
            (RequestedForm)(int)request.Form, (DeliveryChannel)(int)request.Delivery, (SubmissionChannel)(int)request.Channel);

    public static Classification ToDomain(this P.Classification classification) =>
        classification == P.Classification.Unspecified ? Classification.None : (Classification)((int)classification - 1);

    public static P.ApplicationView ToView(this DisclosureApplication application, DeadlineCalculator calendar, DateOnly today, PersonalDataView personalData)
    {
        var view = new P.ApplicationView
        {
            ApplicationId = application.Id.ToString(),
            AgencyCode = application.AgencyCode,
            TrackingNumber = application.TrackingNumber,
            Status = (P.ApplicationStatus)(int)application.Status,
            Applicant = application.Applicant.ToProto(personalData),
            Request = application.Request.ToProto(),
            SubmittedOn = application.SubmittedOn.ToDate(),
            ReceivedOn = application.ReceivedOn.ToDate(),
            HandlerId = application.HandlerId ?? "",
            Deadline = application.DeadlineView(calendar, today),
            Correction = application.Correction?.ToProto(),
            Extension = application.Extension is { } e
                ? new P.ExtensionView { WorkingDays = e.WorkingDays, Reason = e.Reason, ApprovedBy = e.ApprovedBy, ApprovedOn = e.ApprovedOn.ToDate() }
                : null,
            Fee = application.Fee?.ToProto(),
            Reply = application.Reply is { } r
                ? new P.ReplyView
                {
                    Outcome = (P.ReplyOutcome)(int)r.Outcome,
                    Reason = (P.OutcomeReason)(int)r.Reason,
                    LegalBasis = r.LegalBasis,
                    Explanation = r.Explanation,
                    DeliveredForm = r.DeliveredForm is { } form ? (P.RequestedForm)(int)form : P.RequestedForm.Unspecified,
                    CompetentAgency = r.CompetentAgency ?? "",
                    RepliedOn = r.RepliedOn.ToDate(),
                    Late = r.Late,
                    IssuedBy = r.IssuedBy,
                }
                : null,
            RecordCorrection = application.RecordCorrection is { } c
                ? new P.RecordCorrectionView
                {
                    Result = (P.RecordCorrectionResult)(int)c.Result,
                    Explanation = c.Explanation,
                    CompetentAgency = c.CompetentAgency ?? "",
                    ConcludedOn = c.ConcludedOn.ToDate(),
                }
                : null,
            BreachReported = application.BreachReported,
        };
        view.ClockStops.AddRange(application.Stops.Select(ToProto));
        view.Documents.AddRange(application.Documents.Select(d => new P.DocumentView
        {
            DocumentId = d.DocumentId,
            Title = d.Title,
            Classification = (P.Classification)((int)d.Classification + 1),
            Verdict = (P.ReviewVerdict)((int)d.Verdict + 1),
            Coordination = (P.CoordinationState)((int)d.Coordination + 1),
            PermitsRelease = d.PermitsRelease,
        }));
        return view;
    }

    /// <summary>INT-12: the applicant's view — status, deadline and clock stops, no staff or internal ids.</summary>
    public static P.ApplicantProgress ToProgress(this DisclosureApplication application, DeadlineCalculator calendar, DateOnly today)
    {
        var progress = new P.ApplicantProgress
        {
            TrackingNumber = application.TrackingNumber,
            Status = (P.ApplicationStatus)(int)application.Status,
            SubmittedOn = application.SubmittedOn.ToDate(),
            ReceivedOn = application.ReceivedOn.ToDate(),
            Deadline = application.DeadlineView(calendar, today),
            Correction = application.Correction?.ToProto(),
            Fee = application.Fee?.ToProto(),
            Outcome = application.Reply is { } reply ? (P.ReplyOutcome)(int)reply.Outcome : P.ReplyOutcome.Unspecified,
            RepliedOn = (application.Reply?.RepliedOn ?? application.RecordCorrection?.ConcludedOn).ToDate(),
            RecordCorrection = application.RecordCorrection is { } c ? (P.RecordCorrectionResult)(int)c.Result : P.RecordCorrectionResult.Unspecified,
        };
        progress.ClockStops.AddRange(application.Stops.Select(ToProto));
        return progress;
    }

    /// <summary>INT-10, CAL-5: deadline, days left, provisional flag, profile and calendar version, and the explanation.</summary>
    public static P.DeadlineView DeadlineView(this DisclosureApplication application, DeadlineCalculator calendar, DateOnly today)
    {
        if (application.ReplyClock(calendar) is not { } clock)
        {
            var view = new P.DeadlineView
            {
                Paused = true,
                Profile = calendar.ProfileFor(application.AgencyCode).Name,
                CalendarVersion = calendar.Calendars.Current.Version,
            };
            view.Explanation.Add(application.Status == ApplicationStatus.AwaitingCorrection
                ? "待补正：答复期限自收到补正后的申请之日起重新计算（INT-4）"
                : "收到申请之日尚未确认，答复期限尚未开始计算（INT-2）");
            return view;
        }

        var result = clock.Result;
        var deadline = new P.DeadlineView
        {
            Deadline = result.DeadlineDate.ToDate(),
            DeadlineAt = result.DeadlineInstant is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            WorkingDaysLeft = result.IsPaused ? result.Length - result.DaysUsed : clock.DaysLeftOn(today),
            WorkingDaysUsed = result.DaysUsed,
            LengthWorkingDays = result.Length,
            Start = result.Start.ToDate(),
            Provisional = result.IsProvisional,
            Profile = result.ProfileName ?? "",
            CalendarVersion = result.CalendarVersion,
            Paused = result.IsPaused,
        };
        deadline.MissingYears.AddRange(result.MissingYears);
        deadline.Explanation.AddRange(result.Explanation);
        return deadline;
    }

    public static P.ApplicationSummary ToSummary(this Persistence.ApplicationRow row) => new()
    {
        ApplicationId = row.Id.ToString(),
        TrackingNumber = row.TrackingNumber,
        Status = (P.ApplicationStatus)(int)System.Enum.Parse<ApplicationStatus>(row.Status),
        ApplicantType = (P.ApplicantType)(int)System.Enum.Parse<ApplicantType>(row.ApplicantType),
        SubmittedOn = row.SubmittedOn.ToDate(),
        ReceivedOn = row.ReceivedOn.ToDate(),
        Deadline = row.Deadline.ToDate(),
        Outcome = row.Outcome is null ? P.ReplyOutcome.Unspecified : (P.ReplyOutcome)(int)System.Enum.Parse<ReplyOutcome>(row.Outcome),
    };

    private static P.Applicant ToProto(this Applicant applicant, PersonalDataView personalData) => new()
    {
        Type = (P.ApplicantType)(int)applicant.Type,
        Name = applicant.Name,
        DocumentType = (P.IdentityDocumentType)(int)applicant.DocumentType,
        DocumentNumber = applicant.DocumentType == IdentityDocumentType.ResidentIdCard
            ? personalData.IdNumber(applicant.DocumentNumber)
            : applicant.DocumentNumber,
        Phone = personalData.Phone(applicant.Phone ?? ""),
        Email = applicant.Email ?? "",
        PostalAddress = applicant.PostalAddress ?? "",
    };

    private static P.RequestDetails ToProto(this RequestDetails request) => new()
    {
        Kind = (P.ApplicationKind)(int)request.Kind,
        Description = request.Description,
        DocumentTitle = request.DocumentTitle ?? "",
        DocumentNumber = request.DocumentNumber ?? "",
        Form = (P.RequestedForm)(int)request.Form,
        Delivery = (P.DeliveryChannel)(int)request.Delivery,
        Channel = (P.SubmissionChannel)(int)request.Channel,
    };

    private static P.CorrectionView ToProto(this CorrectionNotice notice)
    {
        var view = new P.CorrectionView { IssuedOn = notice.IssuedOn.ToDate(), DueOn = notice.DueOn.ToDate(), CorrectedOn = notice.CorrectedOn.ToDate() };
        view.Items.AddRange(notice.Items);
        return view;
    }

    private static P.FeeView ToProto(this FeeNotice fee) => new()
    {
        Method = (P.FeeMethod)(int)fee.Method,
        Quantity = fee.Quantity,
        AmountYuan = fee.Amount.ToString("0.##", CultureInfo.InvariantCulture),
        ReceivedOn = fee.ReceivedOn.ToDate(),
        PaymentDueOn = fee.PaymentDueOn.ToDate(),
        PaidOn = fee.PaidOn.ToDate(),
    };

    private static P.ClockStop ToProto(ReplyClockStop stop) => new()
    {
        Kind = (P.ClockStopKind)(int)stop.Kind,
        Reference = stop.Reference,
        Reason = stop.Reason,
        StoppedOn = stop.Stopped.ToDate(),
        ResumedOn = stop.Resumed.ToDate(),
    };

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
