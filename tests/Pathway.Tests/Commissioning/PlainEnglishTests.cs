using Pathway.Commissioning;
using Pathway.Indicators;

namespace Pathway.Tests.Commissioning;

public class PlainEnglishTests
{
    [Theory]
    [InlineData("referral_source.gp", 1, "1 adult was referred by GPs.")]
    [InlineData("referral_source.gp", 5, "5 adults were referred by GPs.")]
    [InlineData("referral_source.self", 9, "9 adults referred themselves.")]
    [InlineData("referral_source.online_self", 1, "1 adult referred themselves online.")]
    [InlineData("access.online_self_referrals", 1, "1 adult referred themselves online.")]
    [InlineData("young_people.in_treatment", 1, "1 young person was in treatment at some time in the period.")]
    [InlineData("in_treatment.total", 1234, "1,234 adults were in treatment at some time in the period.")]
    [InlineData("access.residential_rehab", 0, "0 adults started residential rehabilitation.")]
    public void CountsReadAsASentenceWithNounAndVerbAgreeing(string id, long value, string expected) =>
        Assert.Equal(expected, PlainEnglish.Sentence(Figure.Count(id, value)));

    [Fact]
    public void ARateNamesItsNumeratorAndDenominator() =>
        Assert.Equal("38 of 412 adults in treatment for opiates (9.2%) completed treatment successfully and did not return within six months.",
            PlainEnglish.Sentence(Figure.Rate("completion.opiate", 38, 412, provisional: false)));

    [Fact]
    public void SelfReferralsHaveATitleThatReads() =>
        Assert.Equal(["Self-referrals", "Online self-referrals", "Referrals from GPs"],
            new[] { "referral_source.self", "referral_source.online_self", "referral_source.gp" }.Select(PlainEnglish.Title));
}
