using Pathway.Prescribing;

namespace Pathway.Tests.Prescribing;

/// <summary>The clinic's rules at each boundary: what a pharmacist would refuse, a form's supply, the words of a quantity, missed-dose stops.</summary>
public class ClinicRulesTests
{
    private static decimal Mg(string dose) => decimal.Parse(dose, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(Medicine.MethadoneOralSolution, 1, "120", null, true)]
    [InlineData(Medicine.MethadoneOralSolution, 1, "120.1", null, false)]
    [InlineData(Medicine.MethadoneOralSolution, 1, "120.1", "Transfer from prison on 130 mg", true)]
    [InlineData(Medicine.MethadoneOralSolution, 1, "150", "   ", false)]
    [InlineData(Medicine.BuprenorphineSublingual, 1, "32", null, true)]
    [InlineData(Medicine.BuprenorphineSublingual, 1, "32.1", null, false)]
    [InlineData(Medicine.BuprenorphineProlongedReleaseInjection, 28, "160", null, true)]
    [InlineData(Medicine.BuprenorphineProlongedReleaseInjection, 7, "64", null, false)]
    [InlineData(Medicine.Other, 1, "500", null, true)]
    public void ADoseAboveTheUsualMaximumNeedsAReason(Medicine medicine, int interval, string dose, string? reason, bool kept) =>
        Assert.Equal(kept, PrescriptionRules.UsualMaximum(medicine, interval, Mg(dose), reason) is null);

    [Theory]
    [InlineData(Medicine.MethadoneOralSolution, "30", true, null, true)]
    [InlineData(Medicine.MethadoneOralSolution, "30.1", true, null, false)]
    [InlineData(Medicine.MethadoneOralSolution, "40", true, "Stable on 40 mg with the previous prescriber", true)]
    [InlineData(Medicine.MethadoneOralSolution, "40", false, null, true)]
    [InlineData(Medicine.BuprenorphineSublingual, "32", true, null, true)]
    public void AMethadoneStartAbove30MgNeedsAReasonButATitrationStepDoesNot(Medicine medicine, string dose, bool isStart, string? reason, bool kept) =>
        Assert.Equal(kept, PrescriptionRules.MethadoneStart(medicine, Mg(dose), isStart, reason) is null);

    [Fact]
    public void PrescriptionsOfOneMedicineMayNotShareADay()
    {
        var start = new DateOnly(2026, 3, 1);
        (Medicine, DateOnly, DateOnly?)[] existing = [(Medicine.MethadoneOralSolution, start, start.AddDays(3))];

        Assert.Null(PrescriptionRules.Overlap(Medicine.MethadoneOralSolution, start.AddDays(4), null, existing));
        Assert.Equal(PrescriptionRules.OverlapsSameMedicine, PrescriptionRules.Overlap(Medicine.MethadoneOralSolution, start.AddDays(3), null, existing));
        Assert.Equal(PrescriptionRules.OverlapsSameMedicine, PrescriptionRules.Overlap(Medicine.MethadoneOralSolution, start.AddDays(-5), start, existing));
        Assert.Null(PrescriptionRules.Overlap(Medicine.MethadoneOralSolution, start.AddDays(-5), start.AddDays(-1), existing));
        Assert.Null(PrescriptionRules.Overlap(Medicine.BuprenorphineSublingual, start, null, existing));
        // An open prescription runs on: anything after its start overlaps it.
        Assert.Equal(PrescriptionRules.OverlapsSameMedicine,
            PrescriptionRules.Overlap(Medicine.Naltrexone, start.AddYears(2), start.AddYears(2), [(Medicine.Naltrexone, start, null)]));
    }

    [Fact]
    public void AFormSuppliesAtMost14DaysWithinItsPrescription()
    {
        var start = new DateOnly(2026, 3, 1);
        Assert.Null(PrescriptionRules.ScriptLastDay(start, start.AddDays(13), start, null));
        Assert.Equal(PrescriptionRules.ScriptTooLong, PrescriptionRules.ScriptLastDay(start, start.AddDays(14), start, null));
        Assert.Null(PrescriptionRules.ScriptLastDay(start, start, start, start));
        Assert.Equal(PrescriptionRules.ScriptOutsidePrescription, PrescriptionRules.ScriptLastDay(start, start.AddDays(5), start, start.AddDays(4)));
        Assert.Equal(PrescriptionRules.ScriptOutsidePrescription, PrescriptionRules.ScriptLastDay(start.AddDays(-1), start, start, null));
        Assert.NotNull(PrescriptionRules.ScriptLastDay(start, start.AddDays(-1), start.AddDays(-5), null));
    }

    [Theory]
    [InlineData("0123456789", true)]
    [InlineData("AB1234", true)]
    [InlineData("AB123", false)]
    [InlineData("012345678901234567890", false)]
    [InlineData("01234-5678", false)]
    public void ASerialNumberIs6To20LettersOrDigits(string serial, bool kept) =>
        Assert.Equal(kept, PrescriptionRules.SerialNumber(serial) is null);

    [Theory]
    [InlineData(1, 1, true)]
    [InlineData(7, 7, true)]
    [InlineData(6, 7, false)]
    [InlineData(0, 0, true)]
    public void SupervisedDaysAreNoMoreThanInstalmentDays(int instalments, int supervised, bool kept) =>
        Assert.Equal(kept, PrescriptionRules.SupervisedWithinInstalments(supervised, instalments) is null);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void InstalmentsAre1To7DaysAWeek(int days, bool kept) => Assert.Equal(kept, PrescriptionRules.InstalmentDaysPerWeek(days) is null);

    [Theory]
    [InlineData("0", "zero")]
    [InlineData("7", "seven")]
    [InlineData("13", "thirteen")]
    [InlineData("20", "twenty")]
    [InlineData("21", "twenty-one")]
    [InlineData("99", "ninety-nine")]
    [InlineData("100", "one hundred")]
    [InlineData("101", "one hundred and one")]
    [InlineData("840", "eight hundred and forty")]
    [InlineData("1000", "one thousand")]
    [InlineData("1005", "one thousand and five")]
    [InlineData("1960", "one thousand nine hundred and sixty")]
    [InlineData("7.5", "seven point five")]
    [InlineData("112.0", "one hundred and twelve")]
    [InlineData("999999.9", "nine hundred and ninety-nine thousand nine hundred and ninety-nine point nine")]
    public void AQuantityInWords(string figures, string words)
    {
        Assert.Equal(words, QuantityWords.Of(Mg(figures)));
    }

    [Fact]
    public void AQuantityOutOfRangeOrTooPreciseIsRefusedNotRounded()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantityWords.Of(1_000_000m));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantityWords.Of(-1m));
        Assert.Throws<ArgumentException>(() => QuantityWords.Of(7.25m));
        Assert.Equal("840", QuantityWords.Figures(840.0m));
    }

    [Fact]
    public void AFormsTotalIsInThePreparationsUnits()
    {
        Assert.Equal((840m, "ml"), Formulations.Total(Medicine.MethadoneOralSolution, 60m, 14));
        Assert.Equal((42m, "tablets"), Formulations.Total(Medicine.BuprenorphineSublingual, 6m, 14));
        // 7 mg is 3.5 tablets of 2 mg, counted in tablets; 0.5 mg is a quarter of one, so the total is given in mg.
        Assert.Equal((24.5m, "tablets"), Formulations.Total(Medicine.BuprenorphineSublingual, 7m, 7));
        Assert.Equal((3.5m, "mg"), Formulations.Total(Medicine.BuprenorphineSublingual, 0.5m, 7));
    }

    private static readonly DateTimeOffset Noon = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static (DateOnly, DoseOutcome, DateTimeOffset)[] Doses(string pattern) =>
        pattern.Select((c, i) => (new DateOnly(2026, 3, 1).AddDays(i), c == 'm' ? DoseOutcome.Missed : DoseOutcome.Collected, Noon.AddHours(i))).ToArray();

    [Theory]
    [InlineData("", false)]
    [InlineData("mm", false)]
    [InlineData("mmcmm", false)]
    [InlineData("mmm", true)]
    [InlineData("ccmmm", true)]
    [InlineData("mmmc", false)]
    [InlineData("cmmmmm", true)]
    public void ThreeMissedDosesInARowStopTheNext(string pattern, bool stopped) =>
        Assert.Equal(stopped, DispensingRules.IsStopped(Doses(pattern), lastReview: null));

    [Fact]
    public void AReviewRestartsDispensingUntilThreeMoreAreMissed()
    {
        var doses = Doses("ccmmm").ToList();
        var review = doses[^1].Item3.AddMinutes(5);
        Assert.False(DispensingRules.IsStopped(doses, review));
        doses.Add((new DateOnly(2026, 3, 6), DoseOutcome.Missed, review.AddHours(1)));
        doses.Add((new DateOnly(2026, 3, 7), DoseOutcome.Missed, review.AddHours(2)));
        Assert.False(DispensingRules.IsStopped(doses, review));
        doses.Add((new DateOnly(2026, 3, 8), DoseOutcome.Missed, review.AddHours(3)));
        Assert.True(DispensingRules.IsStopped(doses, review));
    }

    [Fact]
    public void ThePharmacyOpensOnTheInstalmentDaysAndTheLastCarriesTheRest()
    {
        var monday = new DateOnly(2026, 3, 2);
        Assert.Equal(new DoseDay(true, 1), DispensingRules.On(monday, 7, 7));
        Assert.Equal(new DoseDay(false, 1), DispensingRules.On(monday.AddDays(6), 7, 6));
        // Six days a week: Saturday's instalment carries Sunday's dose; Sunday hands nothing out.
        Assert.Equal(new DoseDay(false, 2), DispensingRules.On(monday.AddDays(5), 6, 5));
        Assert.Null(DispensingRules.On(monday.AddDays(6), 6, 5));
        Assert.Equal(new DoseDay(true, 7), DispensingRules.On(monday, 1, 1));
    }
}
