using Pathway.Indicators;

namespace Pathway.Commissioning;

/// <summary>
/// A contract's money for one quarter: what was spent per adult, per completion and per new presentation, the outcome
/// payment earned, and the saving against the contract it replaced. Null where the figure cannot be computed
/// (no spend recorded, or nobody to divide by), never a division by zero.
/// </summary>
public sealed record QuarterMoney(
    decimal QuarterValue, decimal OutcomePot, int Targets, int TargetsMet, decimal OutcomeEarned,
    decimal? Spend, decimal? PerAdultInTreatment, decimal? PerSuccessfulCompletion, decimal? PerNewPresentation,
    decimal? AnnualSaving, decimal? QuarterSaving);

public static class ContractMoney
{
    public static readonly string[] Completions = ["completion.opiate", "completion.non_opiate", "completion.alcohol"];

    /// <summary>
    /// A quarter is a quarter of the annual value. The outcome element of the quarter (<see cref="Contract.OutcomePaymentPercent"/>
    /// of it) is shared equally among the contract's targets, and a target's share is earned only when its status is green
    /// (met); amber earns nothing, because "within 10%" is not the target.
    /// </summary>
    public static QuarterMoney For(Contract contract, IReadOnlyList<TargetRow> rows, decimal? spend, IndicatorReport figures)
    {
        var quarterValue = Pence(contract.AnnualValue / 4);
        var pot = Pence(quarterValue * contract.OutcomePaymentPercent / 100);
        var targets = contract.Targets.Count;
        var met = rows.Count(r => r.Contract.Id == contract.Id && r.Status == Rag.Green);
        var earned = targets == 0 ? 0 : Pence(pot * met / targets);
        var completions = Completions.Sum(id => figures[id].Numerator ?? 0);
        decimal? saving = contract.PreviousAnnualValue is { } before ? before - contract.AnnualValue : null;
        return new QuarterMoney(quarterValue, pot, targets, met, earned, spend,
            Per(spend, figures["in_treatment.total"].Value), Per(spend, completions), Per(spend, figures["new_presentations.total"].Value),
            saving, saving is { } s ? Pence(s / 4) : null);
    }

    private static decimal? Per(decimal? spend, decimal? count) =>
        spend is { } s && count is { } n and > 0 ? Pence(s / n) : null;

    public static decimal Pence(decimal pounds) => Math.Round(pounds, 2, MidpointRounding.AwayFromZero);

    public static string Pounds(decimal? pounds) =>
        pounds is { } p ? (p < 0 ? "-£" : "£") + Math.Abs(p).ToString("N2", System.Globalization.CultureInfo.InvariantCulture) : "not known";
}
