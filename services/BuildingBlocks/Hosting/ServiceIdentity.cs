namespace Ogi.BuildingBlocks.Hosting;

/// <summary>
/// Who a service is: its name (as in Dapr app ids, logs and traces), its PostgreSQL schema and
/// login role, and its default gRPC port for <c>make run</c>.
/// </summary>
public sealed record ServiceIdentity(string Name, int DefaultPort)
{
    /// <summary>intake → intake, secrecy-review → secrecy_review.</summary>
    public string Schema => Name.Replace('-', '_');

    /// <summary>The login role that can use only <see cref="Schema"/>.</summary>
    public string Role => "ogi_" + Schema;

    public static readonly ServiceIdentity Intake = new("intake", 50051);
    public static readonly ServiceIdentity SecrecyReview = new("secrecy-review", 50052);
    public static readonly ServiceIdentity Coordination = new("coordination", 50053);
    public static readonly ServiceIdentity Assessment = new("assessment", 50054);
    public static readonly ServiceIdentity Accountability = new("accountability", 50055);

    public static readonly IReadOnlyList<ServiceIdentity> All = [Intake, SecrecyReview, Coordination, Assessment, Accountability];
}
