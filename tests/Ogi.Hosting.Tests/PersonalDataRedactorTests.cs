using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Ogi.BuildingBlocks.Hosting.Logging;

namespace Ogi.Hosting.Tests;

public sealed class PersonalDataRedactorTests
{
    [Theory]
    [InlineData("申请人身份证号 11010519491231002X 已登记", "申请人身份证号 [身份证号] 已登记")]
    [InlineData("id=110105194912310021;", "id=[身份证号];")]
    [InlineData("旧证 110105491231002 仍有效", "旧证 [身份证号] 仍有效")]
    [InlineData("联系电话13812345678", "联系电话[电话]")]
    [InlineData("call +86 138 1234 5678 today", "call [电话] today")]
    [InlineData("办公室 0431-88886666", "办公室 [电话]")]
    [InlineData("电话:0431-88886666。", "电话:[电话]。")]
    public void Masks_id_numbers_and_phone_numbers(string input, string expected) =>
        Assert.Equal(expected, PersonalDataRedactor.Redact(input));

    [Theory]
    [InlineData("tracking TN-2026-000123")]
    [InlineData("order 1234567890123456789012")] // longer digit runs are not ID numbers
    [InlineData("deadline 2026-03-05, 20 working days")]
    [InlineData("credit code 91110000600037341L")] // organisations' codes are not personal data
    [InlineData("01a20081-0937-7326-a019-2949919f7698/doc-1")] // a UUID's "019-2949919" is no landline (found by the demo journey)
    [InlineData("0190b2c1-7d3e-7000-8000-13912345678a")] // nor its "13912345678" a mobile number
    public void Leaves_ordinary_text_alone(string input) =>
        Assert.Equal(input, PersonalDataRedactor.Redact(input));

    [Fact]
    public void Json_log_lines_are_redacted_and_carry_trace_ids()
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var line = JsonLogFormatter.Format(LogLevel.Warning, "Ogi.Intake", "applicant 11010519491231002X phone 13812345678",
            new InvalidOperationException("bad id 11010519491231002X"));

        Assert.DoesNotContain("11010519491231002X", line, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", line, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("Warning", json.RootElement.GetProperty("level").GetString());
        Assert.Equal(activity.TraceId.ToHexString(), json.RootElement.GetProperty("traceId").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), json.RootElement.GetProperty("spanId").GetString());
        Assert.Contains("[身份证号]", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
