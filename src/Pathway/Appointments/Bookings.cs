using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Appointments;

public enum BookingChange { Reschedule, Cancel }

/// <summary>An appointment as the worker books it: today or later, with how it happens and what it is for.</summary>
public sealed record BookingInput(DateOnly? Date, TimeOnly? Time, ContactChannel? Channel, ContactKind? Kind);

/// <summary>Rescheduling or cancelling one of the episode's bookings, with the reason that stays on the case page.</summary>
public sealed record BookingChangeInput(int Appointment, BookingChange? Change, DateOnly? NewDate, TimeOnly? NewTime, string? Reason);

/// <summary>A contact that happened (or was missed), against one of the episode's open bookings or none.</summary>
public sealed record ContactInput(int? Appointment, DateOnly? Date, ContactChannel? Channel, ContactKind? Kind, bool? Attended);

/// <summary>
/// The rules of a booking, once, and the actions of the diary (book, reschedule or cancel, record the contact) that pages and the
/// API call: it is open until its contact is recorded or it is cancelled; a contact closes one
/// booking, and a booking closed either way cannot be recorded again, so a booking and its contact are counted once.
/// </summary>
public static class Bookings
{
    public const string AlreadyRecorded = "This appointment has already been recorded: its contact is on the case page";
    public const string WasCancelled = "This appointment was cancelled: record the contact without it";
    public const string EpisodeDischarged = "This episode has been discharged: appointments cannot be booked";
    public const string Discharged = "discharged";

    public static bool IsOpen(this Appointment booking) => booking.ContactId is null && booking.Contact is null && booking.CancelledAt is null;

    public static IQueryable<Appointment> Open(this IQueryable<Appointment> bookings) =>
        bookings.Where(a => a.ContactId == null && a.CancelledAt == null);

    /// <summary>Bookings in a worker's diary: theirs, and older ones made before bookings named a worker, by key worker.</summary>
    public static IQueryable<Appointment> With(this IQueryable<Appointment> bookings, string workerId) =>
        bookings.Where(a => a.WorkerId == workerId || (a.WorkerId == null && a.Episode.KeyWorkerId == workerId));

    /// <summary>Why a contact cannot be recorded against this booking, or null when it can.</summary>
    public static string? WhyNotRecordable(Appointment booking) =>
        booking.ContactId is not null ? AlreadyRecorded : booking.CancelledAt is not null ? WasCancelled : null;

    public static void Cancel(Appointment booking, string reason, DateTimeOffset at)
    {
        booking.CancelledAt = at;
        booking.CancelReason = reason.Trim();
    }

    /// <summary>Cancels the booking with the reason and books its replacement, which points back to it: the history stays.</summary>
    public static Appointment Reschedule(Appointment booking, DateOnly date, TimeOnly? time, string reason, DateTimeOffset at)
    {
        Cancel(booking, reason, at);
        return new Appointment
        {
            EpisodeId = booking.EpisodeId, Date = date, Time = time, Channel = booking.Channel, Kind = booking.Kind,
            WorkerId = booking.WorkerId, RescheduledFromId = booking.Id,
        };
    }

    /// <summary>Discharge cancels every open booking after the discharge date (one on the day may still be recorded).</summary>
    public static async Task<List<Appointment>> AfterDischargeAsync(Data.PathwayDb db, int episodeId, DateOnly discharge, CancellationToken cancel) =>
        await db.Appointments.Open().Where(a => a.EpisodeId == episodeId && a.Date > discharge)
            .OrderBy(a => a.Date).ThenBy(a => a.Time).ToListAsync(cancel);

    public static async Task<CaseOutcome> BookAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        BookingInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        messages.Required(nameof(input.Date), input.Date, "Enter the date of the appointment");
        messages.Required(nameof(input.Channel), input.Channel, "Select how the appointment happens");
        messages.Required(nameof(input.Kind), input.Kind, "Select what the appointment is for");
        // Aftercare after discharge is recorded as contacts; a booking would outlive the episode it belongs to.
        if (episode.DischargeDate is not null) messages.Add("", EpisodeDischarged);
        if (input.Date < db.Time().Today()) messages.Add(nameof(input.Date), "Date of appointment must be today or in the future: record past ones as contacts");
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var booking = new Appointment
        {
            Episode = episode, Date = input.Date!.Value, Time = input.Time, Channel = input.Channel!.Value, Kind = input.Kind!.Value, WorkerId = who.Id,
        };
        db.Appointments.Add(booking);
        return await CaseAction.SaveAsync(db, episode, version, who, () => booking.Id, cancel);
    }

    /// <summary>Reschedules (a new booking pointing back to this one) or cancels an open booking; saved: the booking now open.</summary>
    public static async Task<CaseOutcome> ChangeAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        BookingChangeInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var booking = await db.Appointments.SingleOrDefaultAsync(a => a.Id == input.Appointment && a.EpisodeId == episode.Id, cancel);
        if (booking is null) return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        messages.Required(nameof(input.Change), input.Change, "Select whether to reschedule or cancel the appointment");
        messages.Required(nameof(input.Reason), input.Reason, "Enter the reason");
        messages.MaxLength(nameof(input.Reason), input.Reason, 200, "The reason must be 200 characters or fewer");
        if (!booking.IsOpen()) messages.Add("", WhyNotRecordable(booking)!);
        if (input.Change == BookingChange.Reschedule)
        {
            if (episode.DischargeDate is not null) messages.Add("", EpisodeDischarged);
            if (input.NewDate is null) messages.Add(nameof(input.NewDate), "Enter the new date");
            else if (input.NewDate < db.Time().Today()) messages.Add(nameof(input.NewDate), "New date must be today or in the future");
            else if (input.NewDate == booking.Date && input.NewTime == booking.Time)
                messages.Add(nameof(input.NewDate), "Enter a date or time different from the booking's");
        }
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var now = db.Time().GetUtcNow();
        var open = booking;
        if (input.Change == BookingChange.Cancel) Cancel(booking, input.Reason!, now);
        else db.Appointments.Add(open = Reschedule(booking, input.NewDate!.Value, input.NewTime, input.Reason!, now));
        return await CaseAction.SaveAsync(db, episode, version, who, () => open.Id, cancel);
    }

    /// <summary>
    /// Records a contact; against a booking, it closes that booking in the same save, so the version check refuses a second save
    /// made from the same form and a booking and its contact are counted once.
    /// </summary>
    public static async Task<CaseOutcome> RecordContactAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        ContactInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        Appointment? booked = null;
        if (input.Appointment is { } aid && (booked = await db.Appointments.SingleOrDefaultAsync(a => a.Id == aid && a.EpisodeId == episode.Id, cancel)) is null)
            return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        if (booked is not null && WhyNotRecordable(booked) is { } why) messages.Add(nameof(input.Appointment), why);
        messages.Required(nameof(input.Date), input.Date, "Enter the date of the contact");
        messages.Required(nameof(input.Channel), input.Channel, "Select how the contact happened");
        messages.Required(nameof(input.Kind), input.Kind, "Select what the contact was for");
        messages.Required(nameof(input.Attended), input.Attended, "Select whether they attended");
        if (input.Date is { } day)
            messages.Rule(nameof(input.Date), "Date of contact", RecordRules.NotFuture(day, db.Time().Today()) ?? ContactRules.Date(day, episode.ReferralDate));
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var contact = new Contact { Date = input.Date!.Value, Channel = input.Channel!.Value, Kind = input.Kind!.Value, Attended = input.Attended!.Value };
        episode.Contacts.Add(contact);
        if (booked is not null) booked.Contact = contact;
        return await CaseAction.SaveAsync(db, episode, version, who, () => contact.Id, cancel);
    }
}
