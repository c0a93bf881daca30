using Ogi.BuildingBlocks.Domain;

namespace Ogi.Accountability.Domain.Responsibility;

/// <summary>AC-6 (seed 000 第七条): how the act in question was decided.</summary>
public enum DecisionPath
{
    [Label("未报主管领导审核批准")]
    HandlerAlone,

    [Label("经主管领导审核批准或同意")]
    LeaderApproved,

    [Label("经领导班子集体讨论决定")]
    CollectiveDecision,
}

public enum PersonRole
{
    [Label("承办人")]
    Handler,

    [Label("主管领导")]
    ApprovingLeader,

    [Label("主要领导")]
    PrincipalLeader,

    [Label("班子其他成员")]
    CollectiveMember,
}

public enum ResponsibilityKind
{
    [Label("主要责任")]
    Primary,

    [Label("次要责任")]
    Secondary,

    [Label("减轻追究")]
    Mitigated,

    [Label("免于追究")]
    Exempt,
}

/// <summary>Who took part in the act. The approving leader only for <see cref="DecisionPath.LeaderApproved"/>; the
/// principal leader and other members only for <see cref="DecisionPath.CollectiveDecision"/>.</summary>
public sealed record ActParticipants(
    DecisionPath Path,
    PersonRef Handler,
    PersonRef? ApprovingLeader = null,
    PersonRef? PrincipalLeader = null,
    IReadOnlyList<PersonRef>? OtherMembers = null);

public sealed record PersonResponsibility(PersonRef Person, PersonRole Role, ResponsibilityKind Kind, string Basis)
{
    /// <summary>Seed 002: 直接责任 is the handler's (the leaders bear leadership responsibility), unless exempted.</summary>
    public bool IsDirect => Role == PersonRole.Handler && Kind != ResponsibilityKind.Exempt;

    public bool IsAccountable => Kind != ResponsibilityKind.Exempt;
}

public static class ResponsibilityAllocation
{
    /// <summary>
    /// AC-6: each participant's responsibility. Seed 000 第七条 lets whoever "说明了行为错误或提出了正确意见" on record be
    /// "减轻或免于追究"; it does not say which, so: the handler still carried the act out and is <b>mitigated</b>; a
    /// collective member who objected had no further part in it and is <b>exempt</b>. Only those the seed names may
    /// object: the handler (to the approving or principal leader) and the other members (to the principal leader).
    /// </summary>
    public static IReadOnlyList<PersonResponsibility> Allocate(ActParticipants act, IReadOnlySet<PersonRef> objectedOnRecord)
    {
        var members = act.OtherMembers ?? [];
        var allocation = act.Path switch
        {
            DecisionPath.HandlerAlone => HandlerAlone(act, members),
            DecisionPath.LeaderApproved => LeaderApproved(act, members),
            _ => Collective(act, members),
        };

        var people = allocation.Select(p => p.Person).ToList();
        if (people.Distinct().Count() != people.Count)
        {
            throw new InvalidInputException("participants", "each participant takes one role in the act");
        }

        foreach (var objector in objectedOnRecord)
        {
            var role = allocation.FirstOrDefault(p => p.Person == objector)?.Role;
            if (role is not (PersonRole.Handler or PersonRole.CollectiveMember) || act.Path == DecisionPath.HandlerAlone)
            {
                throw new InvalidInputException("objections", $"AC-6: {objector} cannot have objected to a leader's decision in this act");
            }
        }

        return allocation.Select(p => objectedOnRecord.Contains(p.Person) ? Objected(p) : p).ToList();
    }

    private static List<PersonResponsibility> HandlerAlone(ActParticipants act, IReadOnlyList<PersonRef> members)
    {
        if (act.ApprovingLeader is not null || act.PrincipalLeader is not null || members.Count > 0)
        {
            throw new InvalidInputException("participants", "an act done without the leader's approval has only its handler");
        }

        return [new(act.Handler, PersonRole.Handler, ResponsibilityKind.Primary, "第七条1: 未报主管领导审核批准,由承办人承担责任")];
    }

    private static List<PersonResponsibility> LeaderApproved(ActParticipants act, IReadOnlyList<PersonRef> members)
    {
        if (act.ApprovingLeader is null)
        {
            throw new InvalidInputException("participants.approving_leader", "the approving leader is required");
        }

        if (act.PrincipalLeader is not null || members.Count > 0)
        {
            throw new InvalidInputException("participants", "an act approved by a leader has no collective members");
        }

        const string basis = "第七条2: 经主管领导审核批准,由主管领导和承办人承担责任";
        return
        [
            new(act.ApprovingLeader, PersonRole.ApprovingLeader, ResponsibilityKind.Primary, basis),
            new(act.Handler, PersonRole.Handler, ResponsibilityKind.Primary, basis),
        ];
    }

    private static List<PersonResponsibility> Collective(ActParticipants act, IReadOnlyList<PersonRef> members)
    {
        if (act.PrincipalLeader is null)
        {
            throw new InvalidInputException("participants.principal_leader", "the principal leader is required");
        }

        if (act.ApprovingLeader is not null)
        {
            throw new InvalidInputException("participants.approving_leader", "a collective decision names its principal leader and members");
        }

        const string primary = "第七条3: 集体讨论决定,主要领导和承办人承担主要责任";
        return
        [
            new(act.PrincipalLeader, PersonRole.PrincipalLeader, ResponsibilityKind.Primary, primary),
            new(act.Handler, PersonRole.Handler, ResponsibilityKind.Primary, primary),
            .. members.Select(m => new PersonResponsibility(m, PersonRole.CollectiveMember, ResponsibilityKind.Secondary, "第七条3: 班子其他成员承担次要责任")),
        ];
    }

    private static PersonResponsibility Objected(PersonResponsibility p) => p.Role == PersonRole.Handler
        ? p with { Kind = ResponsibilityKind.Mitigated, Basis = p.Basis + ";承办人说明了行为错误或提出了正确意见,仍执行该行为,减轻追究" }
        : p with { Kind = ResponsibilityKind.Exempt, Basis = p.Basis + ";向主要领导说明了行为错误或提出了正确意见,未参与执行,免于追究" };
}
