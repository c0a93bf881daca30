using Ogi.BuildingBlocks.Calendar;
using Ogi.Coordination.Domain;

namespace Ogi.Coordination.Tests;

/// <summary>Test data: agencies, the shipped calendar, and coordinations in a given state.</summary>
internal static class Given
{
    public const string Releasing = "11220100MB0000001X";
    public const string Finance = "11220100MB0000002X";
    public const string Housing = "11220100MB0000003X";
    public const string GeneralOffice = "11220100MB0000009X";
    public const string Supervision = "11220100MB0000010X";
    public const string Staff = "staff-1";

    public static DeadlineCalculator Calendar { get; } = new(new CalendarLoader(), PolicyProfileCatalog.BuiltIn);

    public static WorkingDayCalendar Days => Calendar.Calendars.Current;

    /// <summary>Every agency here belongs to one city: the general office is their competent department.</summary>
    public static IAgencyDirectory Agencies { get; } = new Listings(
        new AgencyListing(Releasing, "市生态环境局", GeneralOffice, Supervision),
        new AgencyListing(Finance, "市财政局", GeneralOffice, Supervision),
        new AgencyListing(Housing, "市住房和城乡建设局", GeneralOffice, null));

    public static CoordinationItem Document(ItemSource source = ItemSource.Staff) =>
        new(source, "doc-2026-017", "关于2026年中心城区大气污染防治专项资金安排的通知");

    public const string Draft = "为推进中心城区大气污染防治，市级财政安排专项资金……（拟发布全文）";

    public static AgencyConcerned FinanceFor(ConcernGround ground = ConcernGround.Content) => new(Finance, "市财政局", ground);

    public static AgencyConcerned HousingFor(ConcernGround ground = ConcernGround.Content) => new(Housing, "市住房和城乡建设局", ground);

    public static ReleaseCoordination Opened(DateOnly sentOn, bool urgent = false, ItemSource source = ItemSource.Staff, params AgencyConcerned[] agencies) =>
        ReleaseCoordination.Open(Guid.NewGuid(), Releasing, Document(source), Draft,
            agencies.Length == 0 ? [FinanceFor(), HousingFor()] : agencies, urgent, sentOn, Staff, Calendar);

    public static LetterAnswer Consent(DateOnly on) => new(AnswerKind.Consent, null, on, "clerk-b");

    public static LetterAnswer Objection(DateOnly on, string? reasons = "资金数额尚未经市政府批准") => new(AnswerKind.Objection, reasons, on, "clerk-b");

    public static LetterAnswer CompetentOpinion(DateOnly on, bool permits, string opinion = "资金安排属本局职权范围，按本局意见处理") =>
        new(AnswerKind.CompetentOpinion, opinion, on, "clerk-c", permits);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    private sealed class Listings(params AgencyListing[] listings) : IAgencyDirectory
    {
        public AgencyListing? Find(string agencyCode) => listings.FirstOrDefault(l => l.AgencyCode == agencyCode);
    }
}
