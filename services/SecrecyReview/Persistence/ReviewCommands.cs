using System.Text.Json.Serialization;
using Ogi.SecrecyReview.Domain.Reviews;

namespace Ogi.SecrecyReview.Persistence;

/// <summary>
/// What was done to a review after it was submitted, in order. A review is stored as its item plus this log and is
/// rebuilt by replaying it on the domain aggregate, so every rule is checked by the domain alone and the stored
/// state is exactly what the rules produced. Each command carries its actor and time, so a replay is deterministic.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(AssignCommand), "assign")]
[JsonDerivedType(typeof(ChecklistCommand), "checklist")]
[JsonDerivedType(typeof(ResolveFindingCommand), "resolve_finding")]
[JsonDerivedType(typeof(OpinionCommand), "opinion")]
[JsonDerivedType(typeof(ApproveCommand), "approve")]
[JsonDerivedType(typeof(ReturnCommand), "return")]
[JsonDerivedType(typeof(DeterminationCommand), "determination")]
[JsonDerivedType(typeof(DeclassificationCommand), "declassification")]
[JsonDerivedType(typeof(ConsentCommand), "consent")]
[JsonDerivedType(typeof(DeferCommand), "defer")]
public abstract record ReviewCommand(DateTimeOffset At)
{
    public abstract void ApplyTo(Review review);

    /// <summary>
    /// SR-8: a reviewer's act records whether the reviewer belonged to the general office. Logs written before that
    /// check lack the fact (null); their acts were accepted then, so replay accepts them again.
    /// </summary>
    protected static ActingReviewer Reviewing(string actor, bool? inGeneralOffice) => new(actor, inGeneralOffice ?? true);
}

public sealed record AssignCommand(DateTimeOffset At, string Reviewer, string ApprovingLeader) : ReviewCommand(At)
{
    public override void ApplyTo(Review review) => review.Assign(Reviewer, ApprovingLeader, At);
}

public sealed record ChecklistCommand(DateTimeOffset At, string Actor, bool? ActorInGeneralOffice, SecrecyChecklist Checklist) : ReviewCommand(At)
{
    public override void ApplyTo(Review review) => review.RecordChecklist(Reviewing(Actor, ActorInGeneralOffice), Checklist, At);
}

public sealed record ResolveFindingCommand(DateTimeOffset At, string Actor, bool? ActorInGeneralOffice, int FindingNumber, FindingDisposition Disposition, string Justification)
    : ReviewCommand(At)
{
    public override void ApplyTo(Review review) => review.ResolveFinding(Reviewing(Actor, ActorInGeneralOffice), FindingNumber, Disposition, Justification, At);
}

public sealed record OpinionCommand(DateTimeOffset At, string Actor, bool? ActorInGeneralOffice, Opinion Opinion) : ReviewCommand(At)
{
    public override void ApplyTo(Review review) => review.GiveOpinion(Reviewing(Actor, ActorInGeneralOffice), Opinion, At);
}

public sealed record ApproveCommand(DateTimeOffset At, string Actor) : ReviewCommand(At)
{
    public override void ApplyTo(Review review) => review.Approve(Actor, At);
}

public sealed record ReturnCommand(DateTimeOffset At, string Actor, string Reason) : ReviewCommand(At)
{
    public override void ApplyTo(Review review) => review.Return(Actor, Reason, At);
}

public sealed record DeterminationCommand(DateTimeOffset At, string Actor, bool? ActorInGeneralOffice, ClassificationDetermination Determination) : ReviewCommand(At)
{
    public override void ApplyTo(Review review) => review.RecordDetermination(Reviewing(Actor, ActorInGeneralOffice), Determination, At);
}

public sealed record DeclassificationCommand(DateTimeOffset At, string Actor, Declassification Declassification) : ReviewCommand(At)
{
    public override void ApplyTo(Review review) => review.RecordDeclassification(Actor, Declassification, At);
}

public sealed record ConsentCommand(DateTimeOffset At, CoProducerConsent Consent) : ReviewCommand(At)
{
    public override void ApplyTo(Review review) => review.RecordConsent(Consent);
}

public sealed record DeferCommand(DateTimeOffset At, string HeadApproval, int WorkingDays, DateOnly DeferredUntil, string Reason) : ReviewCommand(At)
{
    public override void ApplyTo(Review review) => review.DeferPublication(HeadApproval, WorkingDays, DeferredUntil, Reason, At);
}
