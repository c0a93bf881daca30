using Ogi.BuildingBlocks.Domain;

namespace Ogi.Intake.Domain;

/// <summary>The six applicant columns of the annual report (AS-8); every application records one (domain.md §0).</summary>
public enum ApplicantType
{
    [Label("自然人")] NaturalPerson = 1,
    [Label("商业企业")] BusinessEnterprise = 2,
    [Label("科研机构")] ResearchInstitution = 3,
    [Label("社会公益组织")] PublicWelfareOrganisation = 4,
    [Label("法律服务机构")] LegalServiceOrganisation = 5,
    [Label("其他")] OtherOrganisation = 6,
}

public enum IdentityDocumentType
{
    [Label("居民身份证")] ResidentIdCard = 1,
    [Label("统一社会信用代码")] UnifiedSocialCreditCode = 2,
    [Label("其他有效身份证件")] Other = 3,
}

/// <summary>
/// INT-1 (Reg. 29): who applies and how to reach them. Personal data: never logged, masked for callers who
/// do not need it, and absent from every event.
/// </summary>
public sealed record Applicant(
    ApplicantType Type,
    string Name,
    IdentityDocumentType DocumentType,
    string DocumentNumber,
    string? Phone,
    string? Email,
    string? PostalAddress)
{
    public bool IsNaturalPerson => Type == ApplicantType.NaturalPerson;

    /// <summary>INT-1: name, a valid identity document for the applicant's kind, and at least one way to reach them.</summary>
    public IEnumerable<FieldViolation> Violations()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return new("applicant.name", "申请人姓名或名称不能为空");
        }

        switch (DocumentType)
        {
            case IdentityDocumentType.ResidentIdCard when !IsNaturalPerson:
                yield return new("applicant.document_type", "法人或其他组织应提供统一社会信用代码");
                break;
            case IdentityDocumentType.ResidentIdCard when !ChineseIdentifiers.IsValidCitizenIdNumber(DocumentNumber):
                yield return new("applicant.document_number", "居民身份证号码无效（GB 11643 校验码不符）");
                break;
            case IdentityDocumentType.UnifiedSocialCreditCode when IsNaturalPerson:
                yield return new("applicant.document_type", "自然人应提供身份证件");
                break;
            case IdentityDocumentType.UnifiedSocialCreditCode when !ChineseIdentifiers.IsValidUnifiedSocialCreditCode(DocumentNumber):
                yield return new("applicant.document_number", "统一社会信用代码无效（GB 32100 校验码不符）");
                break;
            case IdentityDocumentType.Other when string.IsNullOrWhiteSpace(DocumentNumber):
                yield return new("applicant.document_number", "身份证件号码不能为空");
                break;
        }

        if (string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(PostalAddress))
        {
            yield return new("applicant.contact", "联系电话、电子邮箱、通信地址至少提供一项");
        }
    }
}
