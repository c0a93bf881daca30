using Ogi.BuildingBlocks.Calendar;
using Ogi.BuildingBlocks.Domain;
using Ogi.Intake.Domain;

namespace Ogi.Intake.Tests;

/// <summary>Test data: a valid applicant and request, the shipped calendar, and applications in a given state.</summary>
internal static class Given
{
    public const string Agency = "11220100MB0000001X";
    public const string Clerk = "clerk-1";
    public const string OfficeHead = "head-1";

    /// <summary>A citizen ID number with a correct GB 11643 check character.</summary>
    public static readonly string ValidIdNumber = "11010519491231002" + ChineseIdentifiers.CitizenIdCheckCharacter("11010519491231002");

    public static readonly string ValidCreditCode = "91110000600037341" + ChineseIdentifiers.CreditCodeCheckCharacter("91110000600037341");

    public static DeadlineCalculator Calendar { get; } = new(new CalendarLoader(), PolicyProfileCatalog.BuiltIn);

    public static Applicant Person(string? phone = "13812345678", string? email = null, string? address = null, string? id = null) =>
        new(ApplicantType.NaturalPerson, "张三", IdentityDocumentType.ResidentIdCard, id ?? ValidIdNumber, phone, email, address);

    public static RequestDetails Request(SubmissionChannel channel = SubmissionChannel.Online) =>
        new(ApplicationKind.Disclosure, "2025年本区老旧小区改造项目资金安排情况", null, null, RequestedForm.Electronic, DeliveryChannel.Email, channel);

    public static DisclosureApplication Submitted(SubmissionChannel channel = SubmissionChannel.Online, DateOnly? on = null, Applicant? applicant = null) =>
        DisclosureApplication.Submit(Guid.NewGuid(), Agency, "CC-2026-" + Random.Shared.Next(1, 999999).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), "req-" + Guid.NewGuid().ToString("N"),
            applicant ?? Person(), Request(channel), on ?? new DateOnly(2026, 2, 9), Clerk);

    /// <summary>Received in person on <paramref name="receivedOn"/>: the clock runs from that day (INT-2).</summary>
    public static DisclosureApplication Received(DateOnly receivedOn) => Submitted(SubmissionChannel.InPerson, receivedOn);

    public static ReplyDraft Disclosed => new(ReplyOutcome.Disclosed, OutcomeReason.None, "《中华人民共和国政府信息公开条例》第三十六条第（二）项", "经审查，所申请信息予以公开", RequestedForm.Electronic);

    public static ReplyDraft NotHeld => new(ReplyOutcome.CannotProvide, OutcomeReason.NotHeld, "《中华人民共和国政府信息公开条例》第三十六条第（四）项", "本机关不掌握该信息", CompetentAgency: "市住房和城乡建设局");

    public static DateOnly D(int year, int month, int day) => new(year, month, day);
}
