using System.Security.Cryptography;
using System.Text;
using Ogi.BuildingBlocks.Domain;
using Ogi.SecrecyReview.Domain.Findings;
using Ogi.SecrecyReview.Domain.Redaction;

namespace Ogi.SecrecyReview.Domain.Reviews;

/// <summary>
/// The secrecy review of one item to be made public (保密审查, domain.md §3): submitted → reviewer and approving leader
/// named → five-question checklist → every automatic finding resolved → opinion with basis and reason → approved
/// (concluded) or returned. An escalation waits for the competent authority; a declassification ends this review and
/// calls for a new one. Every refusal names its rule.
/// </summary>
public sealed class Review
{
    private readonly List<ReviewFinding> _findings;
    private readonly Dictionary<string, CoProducerConsent> _consents = new(StringComparer.Ordinal);
    private readonly List<PublicationDeferral> _deferrals = [];
    private readonly List<ReviewEvent> _events = [];

    private Review(string id, ReviewItem item, string submitter, DateTimeOffset submittedAt, Declassification? priorDeclassification)
    {
        Id = id;
        Item = item;
        Submitter = submitter;
        SubmittedAt = submittedAt;
        PriorDeclassification = priorDeclassification;
        _findings = SensitiveContentScanner.Scan(item.Text).Select((f, i) => new ReviewFinding(i + 1, f)).ToList();
        _events.Add(new ReviewSubmitted(id, submittedAt, item.ItemId, item.Source, submitter, _findings.Count));
    }

    public string Id { get; }

    public ReviewItem Item { get; }

    public string Submitter { get; }

    public DateTimeOffset SubmittedAt { get; }

    public ReviewStatus Status { get; private set; } = ReviewStatus.AwaitingAssignment;

    public string? Reviewer { get; private set; }

    public string? ApprovingLeader { get; private set; }

    public IReadOnlyList<ReviewFinding> Findings => _findings;

    public SecrecyChecklist? Checklist { get; private set; }

    public Opinion? Opinion { get; private set; }

    /// <summary>What would be (PUBLIC/PARTIAL awaiting approval) or was (concluded) released.</summary>
    public ReleasedText? ReleasedText { get; private set; }

    public ClassificationDetermination? Determination { get; private set; }

    /// <summary>The declassification an earlier review recorded; it lifts the item's marks for this review (SR-4).</summary>
    public Declassification? PriorDeclassification { get; }

    /// <summary>The declassification this review recorded, which ended it (SR-4).</summary>
    public Declassification? Declassification { get; private set; }

    public IReadOnlyCollection<CoProducerConsent> Consents => _consents.Values;

    public IReadOnlyList<PublicationDeferral> Deferrals => _deferrals;

    public DateTimeOffset? ConcludedAt { get; private set; }

    public IReadOnlyList<ReviewEvent> Events => _events;

    /// <summary>SR-4/SR-5: determined a state secret, or marked or declared 秘密/机密/绝密 — unless declassified.</summary>
    public bool IsClassified =>
        Declassification is null
        && (Determination?.IsStateSecret == true
            || (PriorDeclassification is null && (Item.DeclaredClassification is not null || _findings.Any(f => f.Finding.MarksStateSecret))));

    /// <summary>Concluded with PUBLIC or PARTIAL: the item (as <see cref="ReleasedText"/>) may be released.</summary>
    public bool PassedForRelease => Status == ReviewStatus.Concluded && Opinion is { IsReleasable: true };

    /// <summary>When the review must be done: the proactive period (extended by deferrals, SR-9) or the reply deadline.</summary>
    public DateOnly? DueOn => _deferrals.Count > 0 ? _deferrals[^1].DeferredUntil : Item.Proactive?.PublicationDeadline ?? Item.ReplyDeadline;

    /// <summary>SR-8: other units (科室/中心) produced the item together with the submitting one.</summary>
    public bool IsJointlyProduced => (Item.CoProducers ?? []).Count > 0;

    /// <summary>Whether every co-producer has consented in writing (SR-8); true when nobody else produced the item.</summary>
    public bool HasAllConsents => (Item.CoProducers ?? []).All(p => _consents.TryGetValue(p, out var c) && c.Consents);

    /// <summary>SR-1: an item to be made public enters review, from intake or from an agency's staff (proactive, SR-9).</summary>
    public static Review Submit(string reviewId, ReviewItem item, string submitter, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(item);
        Require(reviewId, "review_id");
        Require(submitter, "submitter");
        Require(item.ItemId, "item.item_id");
        Require(item.AgencyCode, "item.agency_code");
        Require(item.Title, "item.title");
        Require(item.Text, "item.text");
        switch (item.Source)
        {
            case ItemSource.ApplicationDocument:
                Require(item.ApplicationId, "item.application_id");
                if (item.ReplyDeadline is null)
                {
                    throw new InvalidInputException("item.reply_deadline", "an application document carries the application's reply deadline");
                }

                break;
            case ItemSource.ProactivePublication:
                if (item.Proactive is null)
                {
                    throw new InvalidInputException("item.proactive", "SR-9: a proactive item carries the date it was formed or changed and its publication deadline");
                }

                if (item.Proactive.PublicationDeadline <= item.Proactive.FormedOrChangedOn)
                {
                    throw new InvalidInputException("item.proactive.publication_deadline", "must be after the date formed or changed");
                }

                break;
            default:
                throw new InvalidInputException("item.source", "unknown source");
        }

        var coProducers = item.CoProducers ?? [];
        if (coProducers.Any(string.IsNullOrWhiteSpace) || coProducers.Distinct(StringComparer.Ordinal).Count() != coProducers.Count)
        {
            throw new InvalidInputException("item.co_producers", "co-producers are named, each once");
        }

        return new Review(reviewId, item, submitter, at, priorDeclassification: null);
    }

    /// <summary>SR-4: after declassification the same item is reviewed again, from the start, with its marks lifted.</summary>
    public static Review SubmitAfterDeclassification(string reviewId, Review declassified, string submitter, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(declassified);
        Require(reviewId, "review_id");
        Require(submitter, "submitter");
        if (declassified.Status != ReviewStatus.Superseded || declassified.Declassification is null)
        {
            throw new RuleViolationException("SR-4", "a new review after declassification needs a review ended by a recorded declassification");
        }

        return new Review(reviewId, declassified.Item, submitter, at, declassified.Declassification);
    }

    /// <summary>
    /// SR-2 谁公开、谁审查、谁负责: reviewer, approving leader and submitter are three different people. SR-8's
    /// general-office membership cannot be told from an id, so it is checked on the reviewer's own acts, not here.
    /// </summary>
    public void Assign(string reviewer, string approvingLeader, DateTimeOffset at)
    {
        Require(reviewer, "reviewer");
        Require(approvingLeader, "approving_leader");
        RequireStatus(ReviewStatus.AwaitingAssignment);
        if (reviewer == Submitter)
        {
            throw new RuleViolationException("SR-2", "the person who submitted the item may not review it");
        }

        if (approvingLeader == Submitter)
        {
            throw new RuleViolationException("SR-2", "the person who submitted the item may not approve its review");
        }

        if (reviewer == approvingLeader)
        {
            throw new RuleViolationException("SR-2", "the reviewer and the approving leader must be two different people");
        }

        Reviewer = reviewer;
        ApprovingLeader = approvingLeader;
        Status = ReviewStatus.InReview;
        _events.Add(new ReviewersAssigned(Id, at, reviewer, approvingLeader));
    }

    /// <summary>SR-6: the five questions, each answered yes or no with a note.</summary>
    public void RecordChecklist(ActingReviewer actor, SecrecyChecklist checklist, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(checklist);
        RequireStatus(ReviewStatus.InReview);
        RequireReviewer(actor);
        foreach (var question in Enum.GetValues<ChecklistQuestion>())
        {
            var field = "checklist." + string.Concat(question.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
            if (!checklist.Answers.TryGetValue(question, out var answer))
            {
                throw new InvalidInputException(field, $"SR-6: the question 「{question.Chinese()}」 is not answered");
            }

            Require(answer.Note, field + ".note");
        }

        Checklist = checklist;
        _events.Add(new ChecklistRecorded(Id, at, checklist));
    }

    /// <summary>SR-7: a finding is kept (with a justification) or redacted.</summary>
    public void ResolveFinding(ActingReviewer actor, int findingNumber, FindingDisposition disposition, string justification, DateTimeOffset at)
    {
        RequireStatus(ReviewStatus.InReview);
        RequireReviewer(actor);
        Require(justification, "justification");
        var finding = _findings.FirstOrDefault(f => f.Number == findingNumber)
            ?? throw new InvalidInputException("finding_number", $"no finding {findingNumber} in this review");
        finding.Resolution = new FindingResolution(disposition, justification, actor.Id, at);
        _events.Add(new FindingResolved(Id, at, findingNumber, disposition));
    }

    /// <summary>SR-3 (with SR-4 … SR-7): the reviewer's opinion, which then waits for the approving leader.</summary>
    public void GiveOpinion(ActingReviewer actor, Opinion opinion, DateTimeOffset at, RedactionMark? mark = null)
    {
        ArgumentNullException.ThrowIfNull(opinion);
        RequireStatus(ReviewStatus.InReview);
        RequireReviewer(actor);
        if (string.IsNullOrWhiteSpace(opinion.Basis) || string.IsNullOrWhiteSpace(opinion.Reason))
        {
            throw new RuleViolationException("SR-3", "every opinion states its basis (依据) and its reason (理由)");
        }

        if (Checklist is null)
        {
            throw new RuleViolationException("SR-6", "the five-question checklist is answered before the opinion");
        }

        ReleasedText? released = null;
        switch (opinion.Kind)
        {
            case OpinionKind.Public:
                RequireReleasable();
                if (IsClassified)
                {
                    throw new RuleViolationException("SR-4", "an item marked 秘密/机密/绝密 is never opined 公开; record its declassification first");
                }

                if (Checklist[ChecklistQuestion.StateOrWorkSecret].Yes)
                {
                    throw new RuleViolationException("SR-6", "the checklist finds a state or work secret: 公开 is not possible");
                }

                RequireFindingsResolved(covered: []);
                if (_findings.FirstOrDefault(f => f.Resolution?.Disposition == FindingDisposition.Redacted) is { } redacted)
                {
                    throw new RuleViolationException("SR-7", $"finding {redacted.Number} is to be redacted: the opinion is 部分公开, not 公开");
                }

                released = ReleasedText.Unredacted(Item.Text);
                break;
            case OpinionKind.Partial:
                RequireReleasable();
                released = Redact(opinion, mark);
                break;
            case OpinionKind.Exempt when opinion.Ground is null:
                throw new RuleViolationException("SR-3", "免于公开 names its ground (Reg. 14–16)");
            case OpinionKind.Escalate when string.IsNullOrWhiteSpace(opinion.CompetentAuthority):
                throw new RuleViolationException("SR-5", "需报审 names the authority competent to determine the classification");
            case OpinionKind.Escalate:
                Opinion = opinion;
                Status = ReviewStatus.AwaitingDetermination;
                _events.Add(new OpinionGiven(Id, at, opinion.Kind, null, opinion.Basis, opinion.Reason));
                _events.Add(new EscalationRequested(Id, at, Item.ItemId, opinion.CompetentAuthority!, opinion.Basis, opinion.Reason));
                return;
        }

        Opinion = opinion;
        ReleasedText = released;
        Status = ReviewStatus.AwaitingApproval;
        _events.Add(new OpinionGiven(Id, at, opinion.Kind, opinion.Ground, opinion.Basis, opinion.Reason));
    }

    /// <summary>SR-2, SR-8: the approving leader approves; a jointly produced item is released only with every co-producer's consent.</summary>
    public void Approve(string actor, DateTimeOffset at)
    {
        RequireStatus(ReviewStatus.AwaitingApproval);
        RequireApprover(actor);
        var opinion = Opinion!;
        if (opinion.IsReleasable && !HasAllConsents)
        {
            var missing = (Item.CoProducers ?? []).Where(p => !(_consents.TryGetValue(p, out var c) && c.Consents));
            throw new RuleViolationException("SR-8", $"jointly produced: written consent missing from {string.Join("、", missing)}");
        }

        Status = ReviewStatus.Concluded;
        ConcludedAt = at;
        _events.Add(new ReviewConcluded(
            Id, at, Item.ItemId, Item.ApplicationId, opinion.Kind, opinion.Ground, opinion.Basis, opinion.Reason,
            ReleasedText is null ? null : Sha256(ReleasedText.Text), ReleasedText?.Redactions ?? [], Reviewer!, ApprovingLeader!));
    }

    /// <summary>SR-2: the approving leader sends the opinion back to the reviewer, saying why.</summary>
    public void Return(string actor, string reason, DateTimeOffset at)
    {
        RequireStatus(ReviewStatus.AwaitingApproval);
        RequireApprover(actor);
        Require(reason, "reason");
        Opinion = null;
        ReleasedText = null;
        Status = ReviewStatus.InReview;
        _events.Add(new OpinionReturned(Id, at, actor, reason));
    }

    /// <summary>SR-5: the competent authority's determination unblocks the item; if it is a secret, it cannot be released.</summary>
    public void RecordDetermination(ActingReviewer actor, ClassificationDetermination determination, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(determination);
        RequireStatus(ReviewStatus.AwaitingDetermination);
        RequireReviewer(actor);
        Require(determination.Authority, "determination.authority");
        Require(determination.DocumentNumber, "determination.document_number");
        Determination = determination;
        Opinion = null;
        Status = ReviewStatus.InReview;
        _events.Add(new DeterminationRecorded(Id, at, determination));
    }

    /// <summary>SR-4: 解密手续 recorded (authority, date, document number); this review ends and a new one is required.</summary>
    public void RecordDeclassification(string actor, Declassification declassification, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(declassification);
        RequireStatus(ReviewStatus.AwaitingAssignment, ReviewStatus.InReview, ReviewStatus.AwaitingDetermination, ReviewStatus.AwaitingApproval);
        Require(actor, "actor");
        Require(declassification.Authority, "declassification.authority");
        Require(declassification.DocumentNumber, "declassification.document_number");
        if (!IsClassified)
        {
            throw new RuleViolationException("SR-4", "the item is not marked or determined classified: there is nothing to declassify");
        }

        Declassification = declassification;
        Status = ReviewStatus.Superseded;
        _events.Add(new DeclassificationRecorded(Id, at, Item.ItemId, declassification));
    }

    /// <summary>SR-8: a co-producing unit's written answer, as coordination reports it.</summary>
    public void RecordConsent(CoProducerConsent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        RequireStatus(ReviewStatus.AwaitingAssignment, ReviewStatus.InReview, ReviewStatus.AwaitingDetermination, ReviewStatus.AwaitingApproval);
        if (!(Item.CoProducers ?? []).Contains(consent.CoProducer, StringComparer.Ordinal))
        {
            throw new InvalidInputException("consent.co_producer", "not a co-producer of this item");
        }

        Require(consent.WrittenReference, "consent.written_reference");
        _consents[consent.CoProducer] = consent;
        _events.Add(new CoProducerConsentRecorded(Id, consent.RecordedAt, consent));
    }

    /// <summary>
    /// SR-9 (seed 003 成都审核办法 第五条): publication deferred for a superior's review with the head's approval, never
    /// more than 30 working days in all. <paramref name="deferredUntil"/> is computed by the caller with the calendar.
    /// </summary>
    public void DeferPublication(string headApproval, int workingDays, DateOnly deferredUntil, string reason, DateTimeOffset at)
    {
        RequireStatus(ReviewStatus.AwaitingAssignment, ReviewStatus.InReview, ReviewStatus.AwaitingDetermination, ReviewStatus.AwaitingApproval);
        if (Item.Proactive is null)
        {
            throw new RuleViolationException("SR-9", "only a proactive publication can be deferred");
        }

        if (string.IsNullOrWhiteSpace(headApproval))
        {
            throw new RuleViolationException("SR-9", "a deferral needs the approval of the unit's head (单位主要负责人)");
        }

        Require(reason, "reason");
        if (workingDays < 1)
        {
            throw new InvalidInputException("working_days", "at least one working day");
        }

        var total = _deferrals.Sum(d => d.WorkingDays) + workingDays;
        if (total > PublicationDeferral.MaxWorkingDays)
        {
            throw new RuleViolationException("SR-9", $"deferral may not exceed {PublicationDeferral.MaxWorkingDays} working days in all (asked: {total})");
        }

        if (deferredUntil <= DueOn)
        {
            throw new InvalidInputException("deferred_until", "must be after the current publication deadline");
        }

        var deferral = new PublicationDeferral(headApproval, workingDays, deferredUntil, reason, at);
        _deferrals.Add(deferral);
        _events.Add(new PublicationDeferred(Id, at, deferral));
    }

    private void RequireReleasable()
    {
        if (Determination?.IsStateSecret == true)
        {
            throw new RuleViolationException("SR-5", "the competent authority determined the item a state secret: it cannot be released");
        }
    }

    /// <summary>
    /// 部分公开: withholds the given ranges and every finding resolved as redacted. A declared classification covers
    /// the whole item, and a 秘密/机密/绝密 mark must fall inside a withheld part (SR-4); every other finding is
    /// resolved or withheld (SR-7).
    /// </summary>
    private ReleasedText Redact(Opinion opinion, RedactionMark? mark)
    {
        var withheld = (opinion.Withheld ?? [])
            .Concat(_findings.Where(f => f.Resolution?.Disposition == FindingDisposition.Redacted)
                .Select(f => new WithheldRange(f.Finding.Start, f.Finding.Length, f.Resolution!.Justification)))
            .ToList();
        if (withheld.Count == 0)
        {
            throw new RuleViolationException("SR-3", "部分公开 names the parts withheld");
        }

        if (PriorDeclassification is null && Item.DeclaredClassification is { } level)
        {
            throw new RuleViolationException("SR-4", $"the item is declared {level.Chinese()} as a whole; record its declassification first");
        }

        var released = ReleasedText.Produce(Item.Text, withheld, mark);
        var covered = released.Redactions;
        if (PriorDeclassification is null && _findings.FirstOrDefault(f => f.Finding.MarksStateSecret && !IsCovered(f.Finding, covered)) is { } exposed)
        {
            throw new RuleViolationException("SR-4", $"the {exposed.Finding.Text} mark (finding {exposed.Number}) would be released: withhold the classified part");
        }

        RequireFindingsResolved(covered);
        return released;
    }

    private void RequireFindingsResolved(IReadOnlyList<RedactedPart> covered)
    {
        var open = _findings.Where(f => f.Resolution is null && !IsCovered(f.Finding, covered)).Select(f => f.Number).ToList();
        if (open.Count > 0)
        {
            throw new RuleViolationException("SR-7", $"findings not resolved (kept with justification, or redacted): {string.Join(", ", open)}");
        }
    }

    private static bool IsCovered(Finding finding, IReadOnlyList<RedactedPart> redactions) =>
        redactions.Any(r => r.Start <= finding.Start && finding.End <= r.Start + r.Length);

    private void RequireStatus(params ReviewStatus[] allowed)
    {
        if (allowed.Contains(Status))
        {
            return;
        }

        throw Status switch
        {
            ReviewStatus.AwaitingDetermination => new RuleViolationException("SR-5", "the item is escalated and blocked until the competent authority's determination is recorded"),
            ReviewStatus.Superseded => new RuleViolationException("SR-4", "the item was declassified: a new review is required"),
            // SR-1 先审查后公开: the steps of a review happen in their order.
            _ => new RuleViolationException("SR-1", $"not possible while the review is {Status.Chinese()}"),
        };
    }

    private void RequireReviewer(ActingReviewer actor)
    {
        Require(actor.Id, "actor");
        if (actor.Id == Submitter)
        {
            throw new RuleViolationException("SR-2", "the person who submitted the item may not review it");
        }

        if (actor.Id != Reviewer)
        {
            throw new AccessDeniedException("only the named reviewer acts on this review");
        }

        if (IsJointlyProduced && !actor.InGeneralOffice)
        {
            throw new RuleViolationException("SR-8", "a jointly produced item is reviewed by the general office (综合科/办公室); the reviewer does not belong to it");
        }
    }

    private void RequireApprover(string actor)
    {
        Require(actor, "actor");
        if (actor == Reviewer)
        {
            throw new RuleViolationException("SR-2", "the reviewer may not approve their own opinion");
        }

        if (actor == Submitter)
        {
            throw new RuleViolationException("SR-2", "the person who submitted the item may not approve its review");
        }

        if (actor != ApprovingLeader)
        {
            throw new AccessDeniedException("only the named approving leader approves or returns this review");
        }
    }

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidInputException(field, "required");
        }
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
