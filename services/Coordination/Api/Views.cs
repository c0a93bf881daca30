using Ogi.Coordination.Application;
using Ogi.Coordination.Domain;
using Ogi.Coordination.Persistence;
using Pb = Ogi.Contracts.Coordination.V1;

namespace Ogi.Coordination.Api;

/// <summary>Domain objects as the API shows them. Domain and contract enums share their numbers.</summary>
internal static class Views
{
    /// <summary>
    /// <paramref name="visibleLetters"/> null: every letter (the releasing agency, the competent department);
    /// otherwise only the letters to those agencies (an agency concerned sees what was addressed to it).
    /// </summary>
    public static Pb.Coordination ToProto(ReleaseCoordination c, ItemOrigin origin, IReadOnlySet<string>? visibleLetters = null)
    {
        var view = new Pb.Coordination
        {
            CoordinationId = c.Id.ToString(),
            AgencyCode = c.ReleasingAgencyCode,
            Source = (Pb.ItemSource)c.Item.Source,
            ItemReference = c.Item.Reference,
            ApplicationId = origin.ApplicationId ?? "",
            RequestId = origin.RequestId ?? "",
            Title = c.Item.Title,
            FullDraft = c.FullDraft,
            Urgent = c.Urgent,
            OpenedOn = c.OpenedOn.ToProto(),
            OpenedBy = c.OpenedBy,
            Status = (Pb.CoordinationStatus)c.Status,
            Parties = { c.Parties },
            EscalatedTo = c.EscalatedTo ?? "",
            ConsultationEndedOn = c.ConsultationEndedOn.ToProto(),
        };
        view.Letters.AddRange(c.Letters.Where(l => visibleLetters is null || visibleLetters.Contains(l.Agency.AgencyCode)).Select(ToProto));
        if (c.Decision is { } decision)
        {
            view.BindingDecision = new Pb.BindingDecision
            {
                DepartmentCode = decision.DepartmentCode,
                ConvenedUnits = { decision.ConvenedUnits },
                Experts = { decision.Experts },
                DecisionText = decision.DecisionText,
                ReleasePermitted = decision.ReleasePermitted,
                DecidedOn = decision.DecidedOn.ToProto(),
                DecidedBy = decision.DecidedBy,
            };
        }

        if (c.Conclusion is { } conclusion)
        {
            view.Conclusion = ToProto(conclusion);
        }

        return view;
    }

    public static Pb.ThirdPartyConsultation ToProto(ThirdPartyConsultation c, ItemOrigin origin)
    {
        var view = new Pb.ThirdPartyConsultation
        {
            ConsultationId = c.Id.ToString(),
            AgencyCode = c.AgencyCode,
            Source = (Pb.ItemSource)c.Item.Source,
            ItemReference = c.Item.Reference,
            ApplicationId = origin.ApplicationId ?? "",
            RequestId = origin.RequestId ?? "",
            Title = c.Item.Title,
            ThirdParty = new Pb.ThirdParty { Reference = c.ThirdParty.Reference, Name = c.ThirdParty.Name, Interest = (Pb.ThirdPartyInterest)c.ThirdParty.Interest },
            NoticeContent = c.NoticeContent,
            SentOn = c.SentOn.ToProto(),
            DueOn = c.DueOn.ToProto(),
            Status = (Pb.CoordinationStatus)c.Status,
            Lapsed = c.Lapsed,
        };
        if (c.Answer is { } answer)
        {
            view.Answer = (Pb.ThirdPartyAnswerKind)answer.Kind;
            view.AnswerReasons = answer.Reasons ?? "";
            view.AnsweredOn = answer.AnsweredOn.ToProto();
        }

        if (c.Conclusion is { } conclusion)
        {
            view.Conclusion = ToProto(conclusion);
        }

        if (c.Notice is { } notice)
        {
            view.Notice = new Pb.PublicInterestNotice
            {
                Title = notice.Title,
                Text = notice.Text,
                Addressee = notice.Addressee,
                InformationReleased = notice.InformationReleased,
                Reasons = notice.Reasons,
                IssuedOn = notice.IssuedOn.ToProto(),
                IssuedBy = notice.IssuedBy,
            };
        }

        return view;
    }

    public static Pb.InconsistencyReport ToProto(InconsistencyReportRow row) => new()
    {
        ReportId = row.Id.ToString(),
        Reporter = (Pb.ReporterKind)Enum.Parse<ReporterKind>(row.Reporter),
        ReportingAgencyCode = row.ReportingAgencyCode ?? "",
        Publications =
        {
            CoordinationStore.Deserialize<List<PublishedInformation>>(row.Publications)
                .Select(p => new Pb.PublishedInformation { AgencyCode = p.AgencyCode, Location = p.Location }),
        },
        Description = row.Description,
        Route = (Pb.InconsistencyRoute)Enum.Parse<InconsistencyRoute>(row.Route),
        RoutedToCode = row.RoutedToCode,
        ReportedOn = row.ReportedOn.ToProto(),
    };

    private static Pb.CoordinationLetter ToProto(CoordinationLetter letter)
    {
        var view = new Pb.CoordinationLetter
        {
            Agency = new Pb.AgencyConcerned { AgencyCode = letter.Agency.AgencyCode, AgencyName = letter.Agency.AgencyName, Ground = (Pb.ConcernGround)letter.Agency.Ground },
            LetterKind = (Pb.LetterKind)letter.Kind,
            SentOn = letter.SentOn.ToProto(),
            DueOn = letter.DueOn.ToProto(),
            Status = (Pb.LetterStatus)letter.Status,
            ProfileName = letter.Period.ProfileName ?? "",
            CalendarVersion = letter.Period.CalendarVersion,
            Provisional = letter.Period.IsProvisional,
        };
        if (letter.Answer is { } answer)
        {
            view.Answer = (Pb.AnswerKind)answer.Kind;
            view.AnswerText = answer.Text ?? "";
            view.OpinionPermitsRelease = answer.OpinionPermitsRelease ?? false;
            view.AnsweredOn = answer.AnsweredOn.ToProto();
            view.AnsweredBy = answer.AnsweredBy;
        }

        return view;
    }

    private static Pb.Conclusion ToProto(CoordinationConclusion conclusion) => new()
    {
        Outcome = (Pb.CoordinationOutcome)conclusion.Outcome,
        ReleasePermitted = conclusion.ReleasePermitted,
        RequiredChanges = { conclusion.RequiredChanges },
        Reasons = conclusion.Reasons,
        ConcludedOn = conclusion.ConcludedOn.ToProto(),
    };
}
