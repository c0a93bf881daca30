using Ogi.BuildingBlocks.Calendar;
using static Ogi.Calendar.Tests.Shipped;

namespace Ogi.Calendar.Tests;

/// <summary>CAL-5: named profiles, per-agency assignment, and every result naming its profile and calendar version.</summary>
public class ProfileTests
{
    private const string SeedAgency = "11440300MB2C92051E";
    private const string OtherAgency = "11440300007542218K";

    [Fact]
    public void CAL5_reg2019_defaults()
    {
        var p = PolicyProfileCatalog.BuiltIn.Default;
        Assert.Equal("reg-2019", p.Name);
        Assert.Equal((20, PeriodUnit.WorkingDays), p.Period(PeriodKind.Reply));
        Assert.Equal((20, PeriodUnit.WorkingDays), p.Period(PeriodKind.Extension));
        Assert.Equal((7, PeriodUnit.WorkingDays), p.Period(PeriodKind.CorrectionNotice));
        Assert.Equal((10, PeriodUnit.WorkingDays), p.Period(PeriodKind.CoordinationReply));
        Assert.Equal((1, PeriodUnit.WorkingDays), p.Period(PeriodKind.UrgentCoordination));
        Assert.Equal((15, PeriodUnit.WorkingDays), p.Period(PeriodKind.CoProducedConsultation));
        Assert.Equal((15, PeriodUnit.WorkingDays), p.Period(PeriodKind.ThirdPartyConsultation));
        Assert.Equal((20, PeriodUnit.WorkingDays), p.Period(PeriodKind.FeePayment));
        Assert.Equal((20, PeriodUnit.WorkingDays), p.Period(PeriodKind.ProactivePublication));
        Assert.Equal((30, PeriodUnit.WorkingDays), p.Period(PeriodKind.ProactiveDeferral));
        Assert.Equal((20, PeriodUnit.WorkingDays), p.Period(PeriodKind.RectificationReport));
        Assert.Equal((15, PeriodUnit.CalendarDays), p.Period(PeriodKind.ComplaintAcceptance));
        Assert.Equal((30, PeriodUnit.CalendarDays), p.Period(PeriodKind.Appeal));
        Assert.Equal(3, p.DeadlineWarningWorkingDays);
    }

    [Fact]
    public void CAL5_seed001_gives_a_15_working_day_reply()
    {
        var calculator = new DeadlineCalculator(new CalendarLoader(), PolicyProfileCatalog.BuiltIn);
        var seed = PolicyProfileCatalog.BuiltIn.Get("seed-001");
        Assert.Equal(15, seed.ReplyWorkingDays);
        Assert.Equal(15, seed.ExtensionMaxWorkingDays);
        Assert.Equal(7, seed.CorrectionNoticeWorkingDays);

        // Receipt Mon 2026-03-02: Mar 3–6 = 1..4, 9–13 = 5..9, 16–20 = 10..14, Mon Mar 23 = 15.
        var clock = calculator.Start(seed, PeriodKind.Reply, Day("2026-03-02"));
        Assert.Equal(Day("2026-03-23"), clock.Result.DeadlineDate);
        Assert.Equal("seed-001", clock.Result.ProfileName);
        Assert.Equal(calculator.Calendars.Current.Version, clock.Result.CalendarVersion);
        Assert.Contains("seed-001", clock.Result.ExplanationText, StringComparison.Ordinal);
    }

    [Fact]
    public void CAL5_profiles_are_assigned_per_agency_from_the_file()
    {
        var catalog = PolicyProfileCatalog.Parse($$"""
            {
              "profiles": { "province-x": { "basedOn": "seed-001", "description": "某省实施办法", "feePaymentWorkingDays": 10 } },
              "agencies": { "{{SeedAgency}}": "seed-001", "PROVINCEX000000001": "province-x" }
            }
            """, "test.json");
        var calculator = new DeadlineCalculator(new CalendarLoader(), catalog);

        var seed = calculator.Start(SeedAgency, PeriodKind.Reply, Day("2026-03-02")).Result;
        var other = calculator.Start(OtherAgency, PeriodKind.Reply, Day("2026-03-02")).Result;
        Assert.Equal(("seed-001", Day("2026-03-23")), (seed.ProfileName, seed.DeadlineDate));
        Assert.Equal(("reg-2019", Day("2026-03-30")), (other.ProfileName, other.DeadlineDate));

        var x = catalog.ForAgency("PROVINCEX000000001");
        Assert.Equal((10, 15, 7), (x.FeePaymentWorkingDays, x.ReplyWorkingDays, x.CorrectionNoticeWorkingDays));
    }

    [Fact]
    public void CAL5_the_default_profile_can_be_changed_and_a_builtin_overridden()
    {
        var catalog = PolicyProfileCatalog.Parse("""{ "default": "seed-001", "profiles": { "reg-2019": { "appealDays": 60 } } }""", "test.json");
        Assert.Equal("seed-001", catalog.ForAgency("ANY").Name);
        Assert.Equal(60, catalog.Get("reg-2019").AppealDays);
        Assert.Equal(20, catalog.Get("reg-2019").ReplyWorkingDays);
    }

    [Fact]
    public void CAL5_calendar_day_periods_count_every_day()
    {
        var calculator = new DeadlineCalculator(new CalendarLoader(), PolicyProfileCatalog.BuiltIn);
        // Complaint received Wed 2026-09-30: 15 days → Oct 15, 国庆 included.
        var result = calculator.Start(OtherAgency, PeriodKind.ComplaintAcceptance, Day("2026-09-30")).Result;
        Assert.Equal(Day("2026-10-15"), result.DeadlineDate);
        Assert.Equal(PeriodUnit.CalendarDays, result.Unit);
    }

    [Fact]
    public void CAL5_warning_is_due_within_the_profile_window()
    {
        var calculator = new DeadlineCalculator(new CalendarLoader(), PolicyProfileCatalog.BuiltIn);
        var clock = calculator.Start(OtherAgency, PeriodKind.Reply, Day("2026-03-02")); // deadline Mon Mar 30
        var profile = calculator.ProfileFor(OtherAgency);
        Assert.False(DeadlineCalculator.IsWarningDue(clock, profile, Day("2026-03-24"))); // 4 left
        Assert.True(DeadlineCalculator.IsWarningDue(clock, profile, Day("2026-03-25"))); // 3 left
    }

    [Theory]
    [InlineData("""{ "profiles": { "x": { "replyDays": 15 } } }""", "profiles[\"x\"]: unknown setting \"replyDays\"")]
    [InlineData("""{ "profiles": { "x": { "replyWorkingDays": -1 } } }""", "profiles[\"x\"].replyWorkingDays")]
    [InlineData("""{ "profiles": { "x": { "basedOn": "nope" } } }""", "basedOn names an unknown profile \"nope\"")]
    [InlineData("""{ "agencies": { "A1": "nope" } }""", "agencies[\"A1\"] names an unknown profile \"nope\"")]
    [InlineData("""{ "default": "nope" }""", "\"default\" names an unknown profile")]
    [InlineData("""{ "profile": {} }""", "unknown property \"profile\"")]
    [InlineData("""{ "profiles": """, "not valid JSON")]
    public void CAL5_a_bad_profile_file_is_refused_with_a_clear_message(string json, string expected)
    {
        var error = Assert.Throws<CalendarDataException>(() => PolicyProfileCatalog.Parse(json, "/etc/ogi/profiles.json"));
        Assert.Contains("/etc/ogi/profiles.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
