using System.Text;
using Ogi.SecrecyReview.Domain.Findings;
using static Ogi.SecrecyReview.Tests.SampleTexts;

namespace Ogi.SecrecyReview.Tests;

public sealed class ScannerTests
{
    private static List<(FindingKind Kind, string Text)> Scan(string text) =>
        SensitiveContentScanner.Scan(text).Select(f => (f.Kind, f.Text)).ToList();

    [Fact]
    public void SR7_disclosure_reply_finds_the_valid_id_the_mobile_and_the_address_but_not_the_invalid_id()
    {
        Assert.Equal(
            [
                (FindingKind.CitizenIdNumber, ValidId),
                (FindingKind.MobileNumber, "13983001234"),
                (FindingKind.Address, "重庆市渝中区解放碑路12号3单元501室"),
            ],
            Scan(DisclosureReply));
    }

    [Fact]
    public void SR7_penalty_decision_finds_credit_code_address_id_mobile_and_luhn_valid_card_only()
    {
        Assert.Equal(
            [
                (FindingKind.UnifiedSocialCreditCode, ValidCreditCode),
                (FindingKind.Address, "成都市武侯区人民南路四段19号"),
                (FindingKind.CitizenIdNumber, ValidIdWithX),
                (FindingKind.MobileNumber, "139-8000-1234"),
                (FindingKind.BankCardNumber, ValidCard19),
            ],
            Scan(PenaltyDecision));
    }

    [Fact]
    public void SR7_meeting_minutes_find_the_internal_and_work_secret_marks_not_ordinary_words()
    {
        Assert.Equal(
            [
                (FindingKind.InternalMark, "内部资料"),
                (FindingKind.InternalMark, "内部"),
                (FindingKind.MobileNumber, "13812345678"),
                (FindingKind.WorkSecretMark, "工作秘密"),
            ],
            Scan(MeetingMinutes));
    }

    [Fact]
    public void SR7_classified_notice_finds_each_mark_with_its_level_and_period()
    {
        var findings = SensitiveContentScanner.Scan(ClassifiedNotice);
        Assert.Equal(
            [
                ("机密★10年", (SecrecyLevel?)SecrecyLevel.Confidential),
                ("秘密", SecrecyLevel.Secret),
                ("绝密", SecrecyLevel.TopSecret),
                ("秘密★", SecrecyLevel.Secret),
                ("★长期", null),
            ],
            findings.Select(f => (f.Text, f.Level)).ToList());
        Assert.All(findings, f => Assert.Equal(FindingKind.ClassificationMark, f.Kind));
        Assert.Equal([true, true, true, true, false], findings.Select(f => f.MarksStateSecret).ToList());
    }

    [Fact]
    public void SR7_subsistence_allowance_list_reports_only_the_numbers_whose_checks_pass()
    {
        // 低保对象公示: one row with a valid ID and a Luhn-valid account, two with a wrong ID check digit (one of them
        // Luhn-valid by chance) and an account failing Luhn; a landline is not a mobile number.
        var list =
            "西吉县2026年第四季度城乡低保对象公示\n" +
            "序号\t姓名\t身份证号\t保障金发放账号\n" +
            "1\t马某某\t" + ValidIdWithX + "\t" + ValidCard16 + "\n" +
            "2\t李某\t" + InvalidId + "\t6225880123456784\n" +
            "3\t杨某某\t" + InvalidIdLuhnValid + "\t" + NonLuhnCard19 + "\n" +
            "公示期：2026年11月2日至11月9日。监督电话：0954-5012345。\n";

        var numbers = Scan(list).Where(f => f.Kind is FindingKind.CitizenIdNumber or FindingKind.BankCardNumber or FindingKind.MobileNumber).ToList();

        Assert.Equal([(FindingKind.CitizenIdNumber, ValidIdWithX), (FindingKind.BankCardNumber, ValidCard16)], numbers);
    }

    [Theory]
    [InlineData("各单位要做好保密审查工作。")]
    [InlineData("不得泄露国家秘密和商业秘密。")]
    [InlineData("他把这当作秘密的事情。")]
    [InlineData("机密文件应当妥善保管。")]
    [InlineData("完善机关内部管理，内部控制到位。")]
    [InlineData("★ 加强组织领导")]
    [InlineData("根据国务院令第711号和渝公办[2008]492号文件")]
    public void SR7_ordinary_prose_is_not_a_finding(string text) => Assert.Empty(Scan(text));

    [Theory]
    [InlineData("秘密★1年\n正文", "秘密★1年")]
    [InlineData("绝密★长期", "绝密★长期")]
    [InlineData("机密★6个月 ", "机密★6个月")]
    [InlineData("　　秘密\n正文", "秘密")]
    [InlineData("密级：机密", "机密")]
    [InlineData("见【秘密】部分", "秘密")]
    public void SR7_classification_marks_in_their_written_forms(string text, string mark)
    {
        var finding = Assert.Single(SensitiveContentScanner.Scan(text));
        Assert.Equal(FindingKind.ClassificationMark, finding.Kind);
        Assert.Equal(mark, finding.Text);
    }

    [Fact]
    public void SR7_location_is_utf16_offset_and_length_with_line_and_column()
    {
        var text = "第一行\n联系人𠀀：13800138000\n";
        var finding = Assert.Single(SensitiveContentScanner.Scan(text));
        // "𠀀" is a surrogate pair: two UTF-16 code units before the colon.
        Assert.Equal(text.IndexOf("138", StringComparison.Ordinal), finding.Start);
        Assert.Equal(11, finding.Length);
        Assert.Equal((2, 7), (finding.Line, finding.Column));
        Assert.Equal("13800138000", text.Substring(finding.Start, finding.Length));
    }

    [Theory]
    [InlineData("编号813800138000")]          // 12 digits: the mobile is inside a longer run
    [InlineData("编号13800138000123")]
    [InlineData("No13800138000")]             // glued to letters
    [InlineData("电话 12800138000")]          // 12x is not a mainland mobile prefix
    [InlineData("号码 138-0013-8000-1")]      // a fourth group makes it something else
    public void SR7_mobile_not_inside_longer_runs(string text) =>
        Assert.DoesNotContain(Scan(text), f => f.Kind == FindingKind.MobileNumber);

    [Theory]
    [InlineData("手机：13800138000。", "13800138000")]
    [InlineData("手机 138 0013 8000，", "138 0013 8000")]
    [InlineData("电话+8613800138000", "+8613800138000")]
    public void SR7_mobile_numbers_in_common_writings(string text, string mobile) =>
        Assert.Equal([(FindingKind.MobileNumber, mobile)], Scan(text));

    [Theory]
    [InlineData(ValidCard16, true)]
    [InlineData(ValidCard19, true)]
    [InlineData("6225 8801 2345 6783", true)]
    [InlineData("6222-0210-0112-3456-789", true)]
    [InlineData(NonLuhnCard19, false)]
    [InlineData("6225880123456784", false)]
    [InlineData("16225880123456783", false)]  // a Luhn-valid 16 inside a 17-digit run is not it; the 17 digits fail Luhn
    public void SR7_bank_cards_need_luhn(string written, bool found)
    {
        var findings = Scan("账号：" + written + "。");
        Assert.Equal(found, findings.Any(f => f.Kind == FindingKind.BankCardNumber && f.Text == written));
        Assert.Equal(found ? 1 : 0, findings.Count);
    }

    [Theory]
    [InlineData(ValidId, FindingKind.CitizenIdNumber)]
    [InlineData(ValidIdWithX, FindingKind.CitizenIdNumber)]
    [InlineData("11010519491231002x", FindingKind.CitizenIdNumber)]
    [InlineData(ValidCreditCode, FindingKind.UnifiedSocialCreditCode)]
    [InlineData("91350100M000100Y43", FindingKind.UnifiedSocialCreditCode)]
    public void SR7_valid_check_characters_are_found(string number, FindingKind kind) =>
        Assert.Equal([(kind, number)], Scan("号码：" + number + "；"));

    [Theory]
    [InlineData(InvalidId)]
    [InlineData(InvalidIdLuhnValid)]              // wrong ID check digit, yet Luhn-valid: still not reported as a card
    [InlineData("500103198513123318")]            // valid check digit but month 13
    [InlineData("500103202902301234")]            // born in the future / 30 February
    [InlineData(InvalidCreditCode)]
    [InlineData("91500000MA5U2XXX0I")]            // I is not in the GB 32100 charset
    public void SR7_invalid_numbers_are_not_findings(string number) => Assert.Empty(Scan("号码：" + number + "；"));

    [Fact]
    public void SR7_check_digit_algorithms_against_known_values()
    {
        Assert.True(CitizenIdNumber.IsValid("11010519491231002X"));
        Assert.False(CitizenIdNumber.IsValid("110105194912310021"));
        Assert.True(BankCardNumber.IsValid("4111111111111111"));
        Assert.False(BankCardNumber.IsValid("4111111111111112"));
        Assert.True(UnifiedSocialCreditCode.IsValid("91350100M000100Y43"));
        Assert.False(UnifiedSocialCreditCode.IsValid("91350100M000100Y44"));
    }

    [Theory]
    [InlineData("申请人住重庆市江北区建新北路88号附1号，", "重庆市江北区建新北路88号附1号")]
    [InlineData("家住和平里3号楼", "和平里3号楼")]
    [InlineData("位于北京市东城区东四十条十二号", "北京市东城区东四十条十二号")]
    public void SR7_addresses_best_effort(string text, string address) =>
        Assert.Equal([(FindingKind.Address, address)], Scan(text));

    [Fact]
    public void SR7_one_megabyte_of_mixed_text_gives_each_block_its_findings_at_the_right_place()
    {
        // The same four documents repeated to past 1 MB: every copy must yield exactly the findings of the document
        // alone, shifted by where the copy starts (offset and line), and nothing across the seams.
        // How fast this runs is measured by `make bench` (Ogi.SecrecyReview.Bench), not here.
        var block = DisclosureReply + PenaltyDecision + MeetingMinutes + ClassifiedNotice;
        var alone = SensitiveContentScanner.Scan(block);
        var blockLines = block.Count(c => c == '\n');
        var copies = 1_000_000 / block.Length + 1;
        var corpus = string.Concat(Enumerable.Repeat(block, copies));
        Assert.True(corpus.Length > 1_000_000);

        var findings = SensitiveContentScanner.Scan(corpus);

        Assert.Equal(alone.Count * copies, findings.Count);
        for (var copy = 0; copy < copies; copy++)
        {
            for (var i = 0; i < alone.Count; i++)
            {
                var expected = alone[i] with { Start = alone[i].Start + (copy * block.Length), Line = alone[i].Line + (copy * blockLines) };
                Assert.Equal(expected, findings[(copy * alone.Count) + i]);
            }
        }

        Assert.Equal(copies, findings.Count(f => f.Kind == FindingKind.CitizenIdNumber && f.Text == ValidId));
        Assert.DoesNotContain(findings, f => f.Text.Contains(InvalidId, StringComparison.Ordinal) || f.Text.Contains(NonLuhnCard19, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1", 0)]
    [InlineData("号", 0)]
    [InlineData("138-", 0)]
    [InlineData("6222 ", 0)]
    [InlineData("★", 0)]
    public void SR7_long_runs_of_near_misses_are_not_findings(string pattern, int expected)
    {
        // 256 KB of one repeated near-miss (the patterns the bench times for linearity) finds nothing.
        var text = string.Concat(Enumerable.Repeat(pattern, 256_000 / pattern.Length));
        Assert.Equal(expected, SensitiveContentScanner.Scan(text).Count);
    }
}
