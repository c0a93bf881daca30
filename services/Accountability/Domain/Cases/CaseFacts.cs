using Ogi.Accountability.Domain.Catalogue;
using Ogi.Accountability.Domain.Measures;
using Ogi.Accountability.Domain.Responsibility;

namespace Ogi.Accountability.Domain.Cases;

/// <summary>
/// What the investigation established (AC-5): the catalogue item (AC-2), the assessed 情节 (AC-8), when the violation
/// occurred, how the act was decided and who objected on record (AC-6), the factors of AC-9, and whether the conduct
/// calls for referral to discipline inspection or the judiciary (seed 000 第八条4、5).
/// </summary>
public sealed record CaseFacts(
    ViolationType Violation,
    Severity Severity,
    DateOnly OccurredOn,
    ActParticipants Act,
    IReadOnlySet<PersonRef>? ObjectedOnRecord = null,
    IReadOnlySet<MitigatingFactor>? Mitigating = null,
    IReadOnlySet<AggravatingFactor>? Aggravating = null,
    DetailedItem? DetailedItem = null,
    bool DisciplinaryBreach = false,
    bool SuspectedCrime = false);
