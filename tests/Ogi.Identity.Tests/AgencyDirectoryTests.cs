using System.Text;
using Microsoft.Extensions.Configuration;
using Ogi.BuildingBlocks.Domain;
using Ogi.BuildingBlocks.Identity.Agencies;
using static Ogi.BuildingBlocks.Testing.SampleAgencies;

namespace Ogi.Identity.Tests;

public sealed class AgencyDirectoryTests
{
    private static readonly AgencyDirectory Sample = AgencyDirectory.Sample();

    [Theory]
    [InlineData(Region)]
    [InlineData(RegionGeneralOffice)] // check value 31 → '0'
    [InlineData(XijiGeneralOffice)]
    [InlineData(LongdeHealth)]
    public void Credit_code_with_its_GB32100_check_character_is_valid(string code)
    {
        Assert.True(CreditCode.IsValid(code));
        Assert.Null(CreditCode.Problem(code));
    }

    [Theory]
    [InlineData("11640000MB0000001X", "check character is 'X', expected 'W'")]
    [InlineData("11640000MB00000021", "check character is '1', expected '0'")]
    [InlineData("11640000MI0000001W", "contains 'I', outside 0-9A-HJ-NPQRTUWXY")]
    [InlineData("11640000MB000001W", "must be 18 characters")]
    public void Credit_code_with_a_wrong_check_character_or_shape_is_invalid(string code, string problem)
    {
        Assert.False(CreditCode.IsValid(code));
        Assert.Equal(problem, CreditCode.Problem(code));
    }

    [Fact]
    public void The_sample_holds_a_province_a_city_and_three_counties_with_their_general_offices()
    {
        Assert.Equal(16, Sample.All.Count);
        Assert.Equal(AgencyLevel.Province, Sample.Get(Region).Level);
        Assert.Equal(3, Sample.All.Count(a => a.Level == AgencyLevel.County && a.Parent == City));
        Assert.Equal("西吉县人民政府办公室", Sample.Get(XijiGeneralOffice).Name);
        Assert.Equal("XJZJ", Sample.Get(XijiHousing).ShortCode);
    }

    [Fact]
    public void Jurisdiction_of_a_county_general_office_is_the_agencies_in_its_care()
    {
        Assert.Equal([XijiHousing, XijiJiqiangTown], Sample.Jurisdiction(XijiGeneralOffice).Select(a => a.Code).Order());
    }

    [Fact]
    public void Jurisdiction_of_the_city_general_office_reaches_every_county_agency_but_nothing_at_province_level()
    {
        var below = Sample.Jurisdiction(CityGeneralOffice).Select(a => a.Code).ToHashSet();
        Assert.Contains(CityNaturalResources, below);
        Assert.Contains(Xiji, below);
        Assert.Contains(XijiJiqiangTown, below);
        Assert.Contains(LongdeHealth, below);
        Assert.Contains(YuanzhouEducation, below);
        Assert.DoesNotContain(RegionPublicSecurity, below);
        Assert.DoesNotContain(City, below);
        Assert.DoesNotContain(CityGeneralOffice, below);
        Assert.True(Sample.IsWithinJurisdiction(RegionGeneralOffice, LongdeHealth));
        Assert.False(Sample.IsWithinJurisdiction(XijiGeneralOffice, LongdeHealth));
    }

    [Fact]
    public void Competent_department_and_level_above_follow_the_directory()
    {
        Assert.Equal(XijiGeneralOffice, Sample.CompetentDepartmentOf(XijiHousing)!.Code);
        Assert.Equal(CityGeneralOffice, Sample.CompetentDepartmentOf(Xiji)!.Code);
        Assert.Null(Sample.CompetentDepartmentOf(Region));
        Assert.Equal(Xiji, Sample.LevelAbove(XijiHousing)!.Code); // AC-4: a department's case goes to its government
        Assert.Equal(City, Sample.LevelAbove(Xiji)!.Code);        // AC-4: a county's case goes to the city
        Assert.Null(Sample.LevelAbove(Region));
        Assert.Throws<NotFoundException>(() => Sample.LevelAbove("11640000MB00000998"));
    }

    [Fact]
    public void An_operator_file_replaces_the_sample_through_Agencies_Path()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, $$"""{"agencies":[{"code":"{{Region}}","name":"某省人民政府","level":"province","parent":null,"competentDepartment":null,"shortCode":"MS"}]}""");
        try
        {
            var directory = AgencyDirectory.FromConfiguration(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Agencies:Path"] = path }).Build());
            Assert.Equal("某省人民政府", Assert.Single(directory.All).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_with_a_bad_code_an_unknown_parent_or_a_parent_below_its_child_is_refused_naming_each_problem()
    {
        var json = $$"""
            {"agencies":[
              {"code":"{{Region}}","name":"省","level":"province","parent":"{{Xiji}}","competentDepartment":null,"shortCode":"P"},
              {"code":"{{Xiji}}","name":"县","level":"county","parent":null,"competentDepartment":"{{City}}","shortCode":"P"},
              {"code":"11640000MB0000001X","name":"坏","parent":null,"competentDepartment":null,"shortCode":"Q"}
            ]}
            """;
        var error = Assert.Throws<InvalidDataException>(() => AgencyDirectory.FromJson(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json"));
        Assert.Contains($"{Region}: parent {Xiji} is at a lower level (County) than the agency (Province)", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Xiji}: competentDepartment {City} is not in the directory", error.Message, StringComparison.Ordinal);
        Assert.Contains("11640000MB0000001X: code check character is 'X', expected 'W'", error.Message, StringComparison.Ordinal);
        Assert.Contains("shortCode P is used twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("11640000MB0000001X: level is missing", error.Message, StringComparison.Ordinal);
    }
}
