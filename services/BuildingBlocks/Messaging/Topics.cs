namespace Ogi.BuildingBlocks.Messaging;

/// <summary>
/// Topic names: each producing service publishes its internal events on a topic named after itself,
/// and decision events on <see cref="Decisions"/>, which county systems subscribe to (INT-13, AS-9, AC-13).
/// </summary>
public static class Topics
{
    public const string Decisions = "decisions";

    public const string Intake = "intake";
    public const string SecrecyReview = "secrecy-review";
    public const string Coordination = "coordination";
    public const string Assessment = "assessment";
    public const string Accountability = "accountability";
}
