using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Admin;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.HarmReduction;

/// <summary>A harm-reduction event as the case page's form gives it: choices as values, the quantity as typed.</summary>
public sealed class HarmReductionInput
{
    public HarmReductionKind? Kind { get; set; }
    public DateOnly? Date { get; set; }
    public NaloxoneRecipient? Recipient { get; set; }
    /// <summary>As typed; empty for a test means 1.</summary>
    public string? Quantity { get; set; }
    /// <summary>Positive, negative or declined for a test; empty for anything else.</summary>
    public HarmReductionResult? Result { get; set; }
    public Substance? Substance { get; set; }
}

/// <summary>
/// Recording a harm-reduction event: the one action the case page (and any later API) calls. The episode is found through
/// <see cref="RecordAccess"/>, so a record outside the user's scope is simply not found and the refusal is audited; the rules
/// are <see cref="HarmReductionRules"/>, the bundle loader's own; the save goes through <see cref="CaseSave"/>, so the version
/// check and the change history come with it. The page's [AuditedRecord] filter adds the change's audit event to the same save.
/// </summary>
public static class HarmReductionRecords
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [nameof(HarmReductionInput.Kind)] = "What was given or done",
        [nameof(HarmReductionInput.Date)] = "Date",
        [nameof(HarmReductionInput.Recipient)] = "Who the kit was given to",
        [nameof(HarmReductionInput.Quantity)] = "Quantity",
        [nameof(HarmReductionInput.Result)] = "Result",
        [nameof(HarmReductionInput.Substance)] = "Substance tested for",
    };

    public static async Task<CaseOutcome> RecordAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        HarmReductionInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var messages = Check(input, episode.ReferralDate, episode.DischargeDate, db.Time().Today());
        if (messages.Count > 0 || mode == CaseActionMode.CheckOnly) return new CaseOutcome.Invalid(messages);

        var kind = input.Kind!.Value;
        var recorded = new HarmReductionEvent
        {
            EpisodeId = episode.Id,
            Date = input.Date!.Value,
            Kind = kind,
            Result = input.Result ?? HarmReductionResult.NotApplicable,
            Quantity = QuantityOf(input),
            Substance = kind == HarmReductionKind.DrugTest ? input.Substance : null,
            Recipient = input.Recipient,
        };
        db.HarmReductionEvents.Add(recorded);
        return await CaseAction.SaveAsync(db, episode, version, who, () => recorded.Id, cancel);
    }

    /// <summary>Every rule the input breaks, one message a field, in the form's order.</summary>
    public static IReadOnlyList<FieldMessage> Check(HarmReductionInput input, DateOnly referral, DateOnly? discharge, DateOnly today)
    {
        var errors = new FieldMessages();
        void Rule(string field, string? reason) => errors.Rule(field, Labels[field], reason);
        void Missing(string field, string message) => errors.Add(field, message);

        if (input.Kind is not { } kind) Missing(nameof(input.Kind), "Select what was given or done");
        if (input.Date is { } date) Rule(nameof(input.Date), RecordRules.NotFuture(date, today) ?? HarmReductionRules.Date(date, referral, discharge));
        else Missing(nameof(input.Date), "Enter the date");
        if (input.Kind is not { } k) return errors.All;

        if (HarmReductionRules.Recipient(k, input.Recipient) is { } recipient)
            Missing(nameof(input.Recipient), recipient == HarmReductionRules.RecipientRequired
                ? "Select who the kit was given to" : "Who the kit was given to can only be given for a naloxone kit");
        if (string.IsNullOrWhiteSpace(input.Quantity) && !HarmReductionRules.IsTest(k))
            Missing(nameof(input.Quantity), k == HarmReductionKind.HepBVaccination ? "Enter the dose number, 1 to 4" : "Enter how many were given");
        else if (!string.IsNullOrWhiteSpace(input.Quantity) && !int.TryParse(input.Quantity.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            Rule(nameof(input.Quantity), k == HarmReductionKind.HepBVaccination ? HarmReductionRules.VaccinationDose : HarmReductionRules.Quantities.Reason);
        else Rule(nameof(input.Quantity), HarmReductionRules.Quantity(k, QuantityOf(input)));
        if (HarmReductionRules.IsTest(k) && input.Result is null) Missing(nameof(input.Result), "Select the result of the test");
        // The form offers no "not a test": an empty result of anything else is the loader's not_applicable.
        var result = input.Result ?? HarmReductionResult.NotApplicable;
        if (HarmReductionRules.Result(k, result) is not null && !HarmReductionRules.IsTest(k))
            Missing(nameof(input.Result), $"Result can only be given for a test: leave it empty for a {Web.Words.Of(k).ToLowerInvariant()}");
        else Rule(nameof(input.Result), HarmReductionRules.Result(k, result));
        if (HarmReductionRules.Substance(k, input.Substance is not null) is { } substance)
            Missing(nameof(input.Substance), substance == HarmReductionRules.SubstanceRequired
                ? "Select the substance tested for" : "Substance tested for can only be given for a drug test");
        return errors.All;
    }

    private static int QuantityOf(HarmReductionInput input) =>
        int.TryParse(input.Quantity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : input.Kind is { } k && HarmReductionRules.IsTest(k) ? 1 : 0;
}
