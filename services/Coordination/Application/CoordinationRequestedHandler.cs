using Microsoft.Extensions.DependencyInjection;
using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Hosting.Persistence;
using Ogi.BuildingBlocks.Messaging.Receiving;
using Ogi.Coordination.Domain;
using Ogi.Coordination.Persistence;
using Pb = Ogi.Contracts.Coordination.V1;

namespace Ogi.Coordination.Application;

/// <summary>
/// CO-1: intake or secrecy-review asks for a coordination on an item. The agencies concerned get one coordination
/// (one letter each), every third party its own consultation (CO-4), each telling intake its clock stops (CO-6).
/// Idempotent twice over: the inbox drops a redelivered event, and a request id already handled (the same request
/// published again under a new event id) opens nothing new.
/// </summary>
public static class CoordinationRequestedHandler
{
    public static async Task HandleAsync(Pb.CoordinationRequested request, HandlerContext<CoordinationDbContext> context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var services = context.Services;
        var store = services.GetRequiredService<CoordinationStore>();
        var events = services.GetRequiredService<EventPublisher>();
        var calendar = services.GetRequiredService<DeadlineCalculator>();
        var time = services.GetRequiredService<TimeProvider>();

        if (string.IsNullOrWhiteSpace(request.RequestId))
        {
            throw new InvalidInputException("request_id", "协调请求应有请求编号");
        }

        var item = new CoordinationItem((ItemSource)request.Source, request.ItemReference, request.Title);
        if (await store.RequestSeenAsync(item.Source, request.RequestId, cancellationToken))
        {
            return;
        }

        if (request.AgenciesConcerned.Count == 0 && request.ThirdParties.Count == 0)
        {
            throw new InvalidInputException("agencies_concerned", "CO-1: 应列明所涉及的其他行政机关或第三方");
        }

        var origin = new ItemOrigin(string.IsNullOrEmpty(request.ApplicationId) ? null : request.ApplicationId, request.RequestId);
        var today = time.Today();
        var now = time.GetUtcNow();
        var requestedBy = string.IsNullOrWhiteSpace(request.RequestedBy) ? context.Topic : request.RequestedBy;
        var opened = new List<Guid>();
        if (request.AgenciesConcerned.Count > 0)
        {
            var agencies = request.AgenciesConcerned.Select(a => new AgencyConcerned(a.AgencyCode, a.AgencyName, (ConcernGround)a.Ground)).ToList();
            var coordination = ReleaseCoordination.Open(Guid.CreateVersion7(), request.AgencyCode, item, request.DraftText, agencies,
                request.Urgent, today, requestedBy, calendar);
            store.Add(coordination, origin, now);
            events.Publish(context.Db, coordination, origin);
            opened.Add(coordination.Id);
        }

        foreach (var party in request.ThirdParties)
        {
            // CO-4: the written consultation carries the content to be released: the draft itself.
            var consultation = ThirdPartyConsultation.Start(Guid.CreateVersion7(), request.AgencyCode, item,
                new ThirdParty(party.Reference, party.Name, (ThirdPartyInterest)party.Interest), request.DraftText, today, calendar);
            store.Add(consultation, origin, now);
            events.Publish(context.Db, consultation, origin);
            opened.Add(consultation.Id);
        }

        await AuditTrail.AppendAsync(context.Db,
            new AuditRecord(requestedBy, "event:" + Pb.CoordinationRequested.Descriptor.FullName, "CoordinationRequest", request.RequestId,
                "opened " + string.Join(",", opened)), time, cancellationToken);
    }
}
