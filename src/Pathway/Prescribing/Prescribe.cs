using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Admin;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Prescribing;

public enum PrescriptionChange { Start, ChangeDose, End }

/// <summary>What a prescriber enters; for a dose change, the new step (the current one ends the day before it starts).</summary>
public sealed record PrescriptionInput(
    int EpisodeId, int Version, PrescriptionChange Change, int? PrescriptionId, Medicine? Medicine, decimal? DoseMg, int? DoseIntervalDays,
    DateOnly? StartDate, DateOnly? EndDate, int? InstalmentDaysPerWeek, int? SupervisedDaysPerWeek, string? PharmacyOdsCode, string? Reason);

/// <summary>
/// Starting, changing the dose of, and ending a prescription: the one action the prescribing page calls (and the API can), so
/// the rules (<see cref="PrescriptionRules"/>), the scope (<see cref="RecordAccess"/>), the version check and the change
/// history apply to every way in. Nothing is half-saved: every rule is checked before anything changes.
/// </summary>
public sealed class Prescribe(PathwayDb db, RecordAccess access)
{
    public async Task<CaseOutcome> SaveAsync(ClaimsPrincipal user, PrescriptionInput input, CancellationToken cancel)
    {
        if (!user.IsInRole(Roles.Prescriber)) return new CaseOutcome.NotFound();
        var episode = await (await access.EpisodesAsync(cancel)).Include(e => e.Person).Include(e => e.Prescriptions)
            .SingleOrDefaultAsync(e => e.Id == input.EpisodeId, cancel);
        if (episode is null) return new CaseOutcome.NotFound();
        var current = input.PrescriptionId is { } pid ? episode.Prescriptions.SingleOrDefault(p => p.Id == pid) : null;
        if (input.Change != PrescriptionChange.Start && current is null) return new CaseOutcome.NotFound();
        if (episode.Version != input.Version) return new CaseOutcome.Stale();

        var messages = new List<FieldMessage>();
        void Check(string field, string label, string? reason)
        {
            if (reason is not null && messages.All(m => m.Field != field)) messages.Add(new(field, RecordRules.Phrase(label, reason)));
        }
        void Required(string field, object? value, string message)
        {
            if (value is null) messages.Add(new(field, message));
        }

        var worker = await Caseworker.CurrentAsync(db, user, cancel);
        Prescription? next = null;
        if (input.Change == PrescriptionChange.End)
        {
            Required(nameof(input.EndDate), input.EndDate, "Enter the last day of the prescription");
            if (input.EndDate is { } end) Check(nameof(input.EndDate), "End date", PrescriptionRules.EndDate(end, current!.StartDate));
            if (messages.Count > 0) return new CaseOutcome.Invalid(messages);
            current!.EndDate = input.EndDate;
        }
        else
        {
            Required(nameof(input.Medicine), input.Medicine, "Select the medicine");
            Required(nameof(input.DoseMg), input.DoseMg, "Enter the dose in mg");
            Required(nameof(input.DoseIntervalDays), input.DoseIntervalDays, "Select how often the dose is taken");
            Required(nameof(input.StartDate), input.StartDate, "Enter the start date");
            Required(nameof(input.InstalmentDaysPerWeek), input.InstalmentDaysPerWeek, "Enter the instalment days a week");
            Required(nameof(input.SupervisedDaysPerWeek), input.SupervisedDaysPerWeek, "Enter the supervised days a week");
            var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
            var pharmacy = string.IsNullOrWhiteSpace(input.PharmacyOdsCode) ? null : input.PharmacyOdsCode.Trim().ToUpperInvariant();
            if (input.DoseMg is { } dose) Check(nameof(input.DoseMg), "Dose", PrescriptionRules.DoseMg(dose));
            if (input.DoseIntervalDays is { } interval) Check(nameof(input.DoseIntervalDays), "How often", PrescriptionRules.DoseIntervalDays(interval, input.Medicine));
            if (input.StartDate is { } start) Check(nameof(input.StartDate), "Start date", PrescriptionRules.StartDate(start, episode.ReferralDate));
            if (input.StartDate is { } s && input.EndDate is { } e) Check(nameof(input.EndDate), "End date", PrescriptionRules.EndDate(e, s));
            if (input.InstalmentDaysPerWeek is { } instalments) Check(nameof(input.InstalmentDaysPerWeek), "Instalment days a week", PrescriptionRules.InstalmentDaysPerWeek(instalments));
            if (input.SupervisedDaysPerWeek is { } supervised)
                Check(nameof(input.SupervisedDaysPerWeek), "Supervised days a week", PrescriptionRules.SupervisedDaysPerWeek(supervised)
                    ?? (input.InstalmentDaysPerWeek is { } i ? PrescriptionRules.SupervisedWithinInstalments(supervised, i) : null));
            if (pharmacy is not null && !await db.Pharmacies.AnyAsync(p => p.OdsCode == pharmacy, cancel))
                messages.Add(new(nameof(input.PharmacyOdsCode), "Select the pharmacy from the list"));
            if (reason is not null) Check(nameof(input.Reason), "Reason", PrescriptionRules.Reason(reason));
            if (input.Change == PrescriptionChange.ChangeDose && input.StartDate is { } from && from <= current!.StartDate)
                Check(nameof(input.StartDate), "Start date", "must be after the current dose started");
            if (input.Change == PrescriptionChange.ChangeDose && input.StartDate is { } from2 && current!.EndDate is { } ended && from2 > ended.AddDays(1))
                Check(nameof(input.StartDate), "Start date", "must be no later than the day after the current dose ends");
            if (input is { Medicine: { } medicine, DoseMg: { } d, DoseIntervalDays: { } iv, StartDate: { } st } && messages.Count == 0)
            {
                Check(nameof(input.Reason), "Reason", PrescriptionRules.UsualMaximum(medicine, iv, d, reason));
                // A start is a first step: no prescription of the medicine runs up to the day before (a titration's next step is not one).
                var isStart = input.Change == PrescriptionChange.Start
                    && !episode.Prescriptions.Any(p => p.Medicine == medicine && p.Covers(st.AddDays(-1)));
                Check(nameof(input.Reason), "Reason", PrescriptionRules.MethadoneStart(medicine, d, isStart, reason));
                var others = episode.Prescriptions.Where(p => p != current)
                    .Select(p => (p.Medicine, p.StartDate, p.EndDate)).ToList();
                if (current is not null) others.Add((current.Medicine, current.StartDate, st.AddDays(-1)));
                Check(nameof(input.StartDate), "Start date", PrescriptionRules.Overlap(medicine, st, input.EndDate, others));
            }
            if (messages.Count > 0) return new CaseOutcome.Invalid(messages);

            if (current is not null) current.EndDate = input.StartDate!.Value.AddDays(-1);
            next = new Prescription
            {
                Source = episode.Source,
                PrescriptionRef = $"PW-{Guid.NewGuid():N}"[..23],
                Medicine = input.Medicine!.Value,
                DoseMg = input.DoseMg!.Value,
                DoseIntervalDays = input.DoseIntervalDays!.Value,
                StartDate = input.StartDate!.Value,
                EndDate = input.EndDate,
                InstalmentDaysPerWeek = input.InstalmentDaysPerWeek!.Value,
                SupervisedDaysPerWeek = input.SupervisedDaysPerWeek!.Value,
                PharmacyOdsCode = pharmacy,
                Reason = reason,
                PrescriberId = worker.Id,
                PrescriberName = worker.Name,
            };
            episode.Prescriptions.Add(next);
        }
        if (!await db.TrySaveCaseAsync(episode, input.Version, worker, cancel)) return new CaseOutcome.Stale();
        return new CaseOutcome.Saved(next?.Id ?? current!.Id);
    }

    /// <summary>A prescriber's review after a missed-dose stop: dispensing may restart, and the alerts go.</summary>
    public async Task<CaseOutcome> ReviewDispensingAsync(ClaimsPrincipal user, int episodeId, int version, CancellationToken cancel)
    {
        if (!user.IsInRole(Roles.Prescriber)) return new CaseOutcome.NotFound();
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var worker = await Caseworker.CurrentAsync(db, user, cancel);
        var review = new DispensingReview { EpisodeId = episode.Id, At = db.Time().GetUtcNow(), ReviewedById = worker.Id, ReviewedByName = worker.Name };
        db.DispensingReviews.Add(review);
        return await CaseAction.SaveAsync(db, episode, version, worker, () => review.Id, cancel);
    }

    /// <summary>The supply a new form offers: from today (or the prescription's start) for as long as one form may cover.</summary>
    public static (DateOnly First, DateOnly Last) NextSupply(Prescription prescription, DateOnly today)
    {
        var first = today > prescription.StartDate ? today : prescription.StartDate;
        if (prescription.EndDate is { } end && first > end) first = prescription.StartDate;
        var last = first.AddDays(PrescriptionRules.MaxScriptDays - 1);
        if (prescription.EndDate is { } e && last > e) last = e;
        return (first, last);
    }

    /// <summary>
    /// Issues a prescription form for up to 14 days of a prescription, under the serial number pre-printed on the pad; a serial
    /// already issued is refused, so every form is accounted for once. Saved with the case's version check and history.
    /// </summary>
    public async Task<CaseOutcome> IssueFormAsync(ClaimsPrincipal user, int episodeId, int version, int prescriptionId,
        string? serialNumber, DateOnly? firstDay, DateOnly? lastDay, CancellationToken cancel)
    {
        if (!user.IsInRole(Roles.Prescriber)) return new CaseOutcome.NotFound();
        var episode = await (await access.EpisodesAsync(cancel)).Include(e => e.Person).Include(e => e.Prescriptions)
            .SingleOrDefaultAsync(e => e.Id == episodeId, cancel);
        var prescription = episode?.Prescriptions.SingleOrDefault(p => p.Id == prescriptionId);
        if (episode is null || prescription is null) return new CaseOutcome.NotFound();
        if (episode.Version != version) return new CaseOutcome.Stale();
        var messages = new List<FieldMessage>();
        var serial = serialNumber?.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(serial)) messages.Add(new("SerialNumber", "Enter the serial number printed on the form"));
        else if (PrescriptionRules.SerialNumber(serial) is { } bad) messages.Add(new("SerialNumber", RecordRules.Phrase("Serial number", bad)));
        else if (await db.PrescriptionForms.AnyAsync(f => f.SerialNumber == serial, cancel))
            messages.Add(new("SerialNumber", RecordRules.Phrase($"Serial number {serial}", PrescriptionRules.SerialInUse)));
        if (firstDay is null) messages.Add(new("FirstDay", "Enter the first day of supply"));
        if (lastDay is null) messages.Add(new("LastDay", "Enter the last day of supply"));
        if (firstDay is { } first && lastDay is { } last
            && PrescriptionRules.ScriptLastDay(first, last, prescription.StartDate, prescription.EndDate) is { } wrong)
            messages.Add(new("LastDay", RecordRules.Phrase("Last day of supply", wrong)));
        if (messages.Count > 0) return new CaseOutcome.Invalid(messages);

        var worker = await Caseworker.CurrentAsync(db, user, cancel);
        var form = new PrescriptionForm
        {
            SerialNumber = serial!, FirstDay = firstDay!.Value, LastDay = lastDay!.Value, IssuedAt = db.Time().GetUtcNow(),
            IssuedById = worker.Id, IssuedByName = worker.Name,
        };
        prescription.Forms.Add(form);
        try
        {
            if (!await db.TrySaveCaseAsync(episode, version, worker, cancel)) return new CaseOutcome.Stale();
        }
        catch (DbUpdateException)
        {
            // Another form took the serial between the check and the save: refused the same way.
            db.ChangeTracker.Clear();
            return new CaseOutcome.Invalid([new("SerialNumber", RecordRules.Phrase($"Serial number {serial}", PrescriptionRules.SerialInUse))]);
        }
        return new CaseOutcome.Saved(form.Id);
    }
}
