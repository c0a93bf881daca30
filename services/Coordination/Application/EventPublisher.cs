using Ogi.BuildingBlocks.Messaging;
using Ogi.Coordination.Domain;
using Ogi.Coordination.Persistence;
using Pb = Ogi.Contracts.Coordination.V1;

namespace Ogi.Coordination.Application;

/// <summary>
/// Turns what the domain recorded into the contract events (events.proto) and adds them to the outbox in the
/// same unit of work as the state change: consultation started/ended for intake's clock (CO-6), letters answered
/// or lapsed, conclusions to intake and secrecy-review, binding decisions also on "decisions" (CO-3).
/// Escalation and the public-interest notice stay inside coordination (the notice is in the consultation).
/// </summary>
public sealed class EventPublisher(Outbox outbox)
{
    public void Publish(CoordinationDbContext db, ReleaseCoordination coordination, ItemOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(coordination);
        var id = coordination.Id.ToString();
        foreach (var change in coordination.DequeueEvents())
        {
            switch (change)
            {
                case LetterAnswered answered:
                    var letter = coordination.Letters.Single(l => l.Agency.AgencyCode == answered.AnsweringAgencyCode);
                    outbox.Add(db, Topics.Coordination, id, new Pb.LetterAnswered
                    {
                        CoordinationId = id,
                        AgencyCode = answered.AgencyCode,
                        AnsweringAgencyCode = answered.AnsweringAgencyCode,
                        LetterKind = (Pb.LetterKind)letter.Kind,
                        Answer = (Pb.AnswerKind)answered.Kind,
                        DueOn = letter.DueOn.ToProto(),
                        AnsweredOn = answered.AnsweredOn.ToProto(),
                        OnTime = answered.AnsweredOn <= letter.DueOn,
                    });
                    break;
                case LetterLapsed lapsed:
                    var silent = coordination.Letters.Single(l => l.Agency.AgencyCode == lapsed.SilentAgencyCode);
                    outbox.Add(db, Topics.Coordination, id, new Pb.LetterLapsed
                    {
                        CoordinationId = id,
                        AgencyCode = lapsed.AgencyCode,
                        SilentAgencyCode = lapsed.SilentAgencyCode,
                        LetterKind = (Pb.LetterKind)silent.Kind,
                        DueOn = lapsed.DueOn.ToProto(),
                        DeemedConsent = lapsed.Status == LetterStatus.DeemedConsent,
                    });
                    break;
                case BindingDecisionIssued decision:
                    var issued = new Pb.BindingDecisionIssued
                    {
                        CoordinationId = id,
                        AgencyCode = decision.AgencyCode,
                        DepartmentCode = decision.DepartmentCode,
                        Parties = { decision.Parties },
                        ReleasePermitted = decision.ReleasePermitted,
                        DecisionText = decision.DecisionText,
                        DecidedOn = decision.DecidedOn.ToProto(),
                    };
                    outbox.Add(db, Topics.Coordination, id, issued);
                    outbox.Add(db, Topics.Decisions, id, issued); // a decision event (domain.md §7)
                    break;
                default:
                    PublishCommon(db, change, origin);
                    break;
            }
        }
    }

    public void Publish(CoordinationDbContext db, ThirdPartyConsultation consultation, ItemOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        foreach (var change in consultation.DequeueEvents())
        {
            PublishCommon(db, change, origin);
        }
    }

    /// <summary>CO-4: a third party's silence: the agency decides (never consent).</summary>
    public void PublishThirdPartyLapse(CoordinationDbContext db, ThirdPartyConsultation consultation)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var id = consultation.Id.ToString();
        outbox.Add(db, Topics.Coordination, id, new Pb.LetterLapsed
        {
            CoordinationId = id,
            AgencyCode = consultation.AgencyCode,
            LetterKind = Pb.LetterKind.ThirdParty,
            DueOn = consultation.DueOn.ToProto(),
            DeemedConsent = false,
            ThirdPartyReference = consultation.ThirdParty.Reference,
        });
    }

    public void Publish(CoordinationDbContext db, InconsistencyReported reported, string description)
    {
        ArgumentNullException.ThrowIfNull(reported);
        var id = reported.SubjectId.ToString();
        outbox.Add(db, Topics.Coordination, id, new Pb.InconsistencyReported
        {
            ReportId = id,
            AgencyCode = reported.AgencyCode,
            PublishingAgencies = { reported.PublishingAgencies },
            RoutedToCode = reported.RoutedToCode,
            Description = description,
            ReportedOn = reported.ReportedOn.ToProto(),
        });
    }

    private void PublishCommon(CoordinationDbContext db, CoordinationEvent change, ItemOrigin origin)
    {
        var id = change.SubjectId.ToString();
        switch (change)
        {
            case ConsultationStarted started:
                outbox.Add(db, Topics.Coordination, id, new Pb.ConsultationStarted
                {
                    CoordinationId = id,
                    AgencyCode = started.AgencyCode,
                    Source = (Pb.ItemSource)started.Source,
                    ItemReference = started.ItemReference,
                    ApplicationId = origin.ApplicationId ?? "",
                    StartedOn = started.StartedOn.ToProto(),
                });
                break;
            case ConsultationEnded ended:
                outbox.Add(db, Topics.Coordination, id, new Pb.ConsultationEnded
                {
                    CoordinationId = id,
                    AgencyCode = ended.AgencyCode,
                    Source = (Pb.ItemSource)ended.Source,
                    ItemReference = ended.ItemReference,
                    ApplicationId = origin.ApplicationId ?? "",
                    EndedOn = ended.EndedOn.ToProto(),
                });
                break;
            case CoordinationConcluded concluded:
                outbox.Add(db, Topics.Coordination, id, new Pb.CoordinationConcluded
                {
                    CoordinationId = id,
                    AgencyCode = concluded.AgencyCode,
                    Source = (Pb.ItemSource)concluded.Source,
                    ItemReference = concluded.ItemReference,
                    ApplicationId = origin.ApplicationId ?? "",
                    Outcome = (Pb.CoordinationOutcome)concluded.Outcome,
                    ReleasePermitted = concluded.ReleasePermitted,
                    RequiredChanges = { concluded.RequiredChanges },
                    ConcludedOn = concluded.ConcludedOn.ToProto(),
                    RequestId = origin.RequestId ?? "",
                });
                break;
            default:
                break; // CoordinationOpened, CoordinationEscalated, PublicInterestNoticeIssued: recorded in the aggregate, not published
        }
    }
}
