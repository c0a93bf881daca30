using Ogi.BuildingBlocks.Domain;

namespace Ogi.Intake.Domain;

/// <summary>INT-2: how the application reached the agency, which decides its date of receipt.</summary>
public enum SubmissionChannel
{
    [Label("当面提交")] InPerson = 1,
    [Label("挂号信")] RegisteredPost = 2,
    [Label("平信")] OrdinaryPost = 3,
    [Label("网络提交")] Online = 4,
    [Label("传真")] Fax = 5,
}

public enum RequestedForm
{
    [Label("纸质")] Paper = 1,
    [Label("电子")] Electronic = 2,
    [Label("查阅抄录")] Inspection = 3,
}

public enum DeliveryChannel
{
    [Label("邮寄")] Post = 1,
    [Label("电子邮件")] Email = 2,
    [Label("网上获取")] Online = 3,
    [Label("当面领取")] InPerson = 4,
    [Label("传真")] Fax = 5,
}

/// <summary>Disclosure (依申请公开) or a request to correct records about the applicant (INT-11, Reg. 41).</summary>
public enum ApplicationKind
{
    [Label("政府信息公开申请")] Disclosure = 1,
    [Label("更正政府信息记录申请")] RecordCorrection = 2,
}

/// <summary>INT-1: what is asked for, in which form, delivered how.</summary>
public sealed record RequestDetails(
    ApplicationKind Kind,
    string Description,
    string? DocumentTitle,
    string? DocumentNumber,
    RequestedForm Form,
    DeliveryChannel Delivery,
    SubmissionChannel Channel)
{
    public IEnumerable<FieldViolation> Violations()
    {
        if (string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(DocumentTitle) && string.IsNullOrWhiteSpace(DocumentNumber))
        {
            yield return new("request.description", "应提供所需政府信息的名称、文号或者便于查询的其他特征性描述");
        }

        if (!Enum.IsDefined(Form))
        {
            yield return new("request.form", "应选择获取信息的方式");
        }

        if (!Enum.IsDefined(Delivery))
        {
            yield return new("request.delivery", "应选择获取信息的途径");
        }

        if (!Enum.IsDefined(Channel))
        {
            yield return new("request.channel", "应说明提交方式");
        }
    }
}
