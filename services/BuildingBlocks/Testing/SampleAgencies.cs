namespace Ogi.BuildingBlocks.Testing;

/// <summary>Codes of the shipped sample directory (宁夏 → 固原市 → 原州区, 西吉县, 隆德县).</summary>
public static class SampleAgencies
{
    public const string Region = "11640000MB0000001W";
    public const string RegionGeneralOffice = "11640000MB00000020";
    public const string RegionPublicSecurity = "11640000MB00000033";
    public const string City = "11640400MB0000004T";
    public const string CityGeneralOffice = "11640400MB0000005X";
    public const string CityNaturalResources = "11640400MB00000061";
    public const string Yuanzhou = "11640402MB00000071";
    public const string YuanzhouGeneralOffice = "11640402MB00000084";
    public const string YuanzhouEducation = "11640402MB00000097";
    public const string Xiji = "11640422MB0000010B";
    public const string XijiGeneralOffice = "11640422MB0000011E";
    public const string XijiHousing = "11640422MB0000012H";
    public const string XijiJiqiangTown = "11640422MB0000013L";
    public const string Longde = "11640423MB00000146";
    public const string LongdeGeneralOffice = "11640423MB00000159";
    public const string LongdeHealth = "11640423MB0000016C";
}
