using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Pathway.Web;

/// <summary>
/// NHS.UK form fields bound to a page model property: label, hint, the field's error message and the
/// red border, the way the design system shows them. Forms stay plain HTML, so they work without JavaScript.
/// </summary>
public abstract class NhsFieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")] public ModelExpression For { get; set; } = null!;
    public string Label { get; set; } = "";
    public string? Hint { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    protected string Name => For.Name;
    protected string Id => FieldIds.For(For.Name);

    protected string? Error =>
        ViewContext.ModelState.TryGetValue(Name, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>What the person typed when it failed to bind, else the model's value.</summary>
    protected string Value
    {
        get
        {
            if (ViewContext.ModelState.TryGetValue(Name, out var entry) && entry.AttemptedValue is { } attempted) return attempted;
            return For.Model switch
            {
                null => "",
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                TimeOnly t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString() ?? "",
            };
        }
    }

    protected static string E(string? s) => HtmlEncoder.Default.Encode(s ?? "");

    protected string Described => string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.OfType<string>());

    protected string HintAndError() =>
        (Hint is null ? "" : $"<div class=\"nhsuk-hint\" id=\"{Id}-hint\">{E(Hint)}</div>") +
        (Error is null ? "" : $"<span class=\"nhsuk-error-message\" id=\"{Id}-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> {E(Error)}</span>");

    /// <summary>The id the error summary links to: the field itself, or the first input of a group.</summary>
    protected virtual string Anchor => Id;

    protected void Group(TagHelperOutput output, string inner)
    {
        FormFieldOrder.Of(ViewContext.HttpContext).Add(Name, Anchor);
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "nhsuk-form-group" + (Error is null ? "" : " nhsuk-form-group--error"));
        output.Content.SetHtmlContent(inner);
    }
}

public static class FieldIds
{
    public static string For(string name) => TagBuilder.CreateSanitizedId(name, "_");
}

[HtmlTargetElement("nhs-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsInputTagHelper : NhsFieldTagHelper
{
    public string Type { get; set; } = "text";
    public string Width { get; set; } = "nhsuk-u-width-two-thirds";
    /// <summary>The autocomplete token (WCAG 1.3.5, identify input purpose), e.g. "given-name".</summary>
    public string? Autocomplete { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var describedBy = (Described is { Length: > 0 } d ? $" aria-describedby=\"{d}\"" : "") +
                          (Autocomplete is null ? "" : $" autocomplete=\"{E(Autocomplete)}\"");
        Group(output,
            $"<label class=\"nhsuk-label\" for=\"{Id}\">{E(Label)}</label>{HintAndError()}" +
            $"<input class=\"nhsuk-input {Width}{(Error is null ? "" : " nhsuk-input--error")}\" id=\"{Id}\" name=\"{E(Name)}\" type=\"{Type}\" value=\"{E(Type == "password" ? "" : Value)}\"{describedBy}>");
    }
}

[HtmlTargetElement("nhs-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsTextareaTagHelper : NhsFieldTagHelper
{
    public int Rows { get; set; } = 4;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var describedBy = Described is { Length: > 0 } d ? $" aria-describedby=\"{d}\"" : "";
        Group(output,
            $"<label class=\"nhsuk-label\" for=\"{Id}\">{E(Label)}</label>{HintAndError()}" +
            $"<textarea class=\"nhsuk-textarea{(Error is null ? "" : " nhsuk-textarea--error")}\" id=\"{Id}\" name=\"{E(Name)}\" rows=\"{Rows}\"{describedBy}>{E(Value)}</textarea>");
    }
}

[HtmlTargetElement("nhs-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsSelectTagHelper : NhsFieldTagHelper
{
    public IEnumerable<SelectListItem> Items { get; set; } = [];
    /// <summary>Text of a first, empty choice ("Choose …"); none when null.</summary>
    public string? Empty { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var value = Value;
        var options = (Empty is null ? "" : $"<option value=\"\">{E(Empty)}</option>") + string.Concat(Items.Select(i =>
            $"<option value=\"{E(i.Value)}\"{(i.Value == value ? " selected" : "")}>{E(i.Text)}</option>"));
        var describedBy = Described is { Length: > 0 } d ? $" aria-describedby=\"{d}\"" : "";
        Group(output,
            $"<label class=\"nhsuk-label\" for=\"{Id}\">{E(Label)}</label>{HintAndError()}" +
            $"<select class=\"nhsuk-select{(Error is null ? "" : " nhsuk-select--error")}\" id=\"{Id}\" name=\"{E(Name)}\"{describedBy}>{options}</select>");
    }
}

[HtmlTargetElement("nhs-radios", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsRadiosTagHelper : NhsFieldTagHelper
{
    public IEnumerable<SelectListItem> Items { get; set; } = [];
    public bool Inline { get; set; }
    public bool Small { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var value = Value;
        var radios = string.Concat(Items.Select((item, n) =>
        {
            var id = n == 0 ? Id : $"{Id}-{n}";
            return $"<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"{id}\" name=\"{E(Name)}\" type=\"radio\" value=\"{E(item.Value)}\"{(item.Value == value ? " checked" : "")}>" +
                   $"<label class=\"nhsuk-label nhsuk-radios__label\" for=\"{id}\">{E(item.Text)}</label></div>";
        }));
        var describedBy = Described is { Length: > 0 } d ? $" aria-describedby=\"{d}\"" : "";
        var classes = "nhsuk-radios" + (Inline ? " nhsuk-radios--inline" : "") + (Small ? " nhsuk-radios--small" : "");
        Group(output,
            $"<fieldset class=\"nhsuk-fieldset\"{describedBy}><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">{E(Label)}</legend>" +
            $"{HintAndError()}<div class=\"{classes}\">{radios}</div></fieldset>");
    }
}

[HtmlTargetElement("nhs-checkbox", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsCheckboxTagHelper : NhsFieldTagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var on = For.Model is true;
        // The hidden "false" comes after the box: the binder takes the first value, so a ticked box wins.
        Group(output,
            $"{HintAndError()}<div class=\"nhsuk-checkboxes\"><div class=\"nhsuk-checkboxes__item\">" +
            $"<input class=\"nhsuk-checkboxes__input\" id=\"{Id}\" name=\"{E(Name)}\" type=\"checkbox\" value=\"true\"{(on ? " checked" : "")}>" +
            $"<label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"{Id}\">{E(Label)}</label></div></div>" +
            $"<input type=\"hidden\" name=\"{E(Name)}\" value=\"false\">");
    }
}

/// <summary>
/// The fields of the form being rendered, in the order the page shows them, each with the id its error summary
/// entry links to. Every NHS.UK field tag helper adds itself; a hand-written field joins with an
/// <c>error-for="Key"</c> attribute (see <see cref="ErrorForTagHelper"/>).
/// </summary>
public sealed class FormFieldOrder
{
    private readonly List<(string Key, string Anchor)> fields = [];

    public static FormFieldOrder Of(HttpContext http) =>
        (FormFieldOrder)(http.Items[typeof(FormFieldOrder)] ??= new FormFieldOrder());

    public void Add(string key, string anchor)
    {
        if (IndexOf(key) < 0) fields.Add((key, anchor));
    }

    public int IndexOf(string key) => fields.FindIndex(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));

    public string AnchorOf(string key) => IndexOf(key) is var i and >= 0 ? fields[i].Anchor : key.Length == 0 ? "maincontent" : FieldIds.For(key);
}

/// <summary>A hand-written field joins the error summary's order: <c>&lt;input id="email" error-for="Email"&gt;</c>.</summary>
[HtmlTargetElement(Attributes = "error-for")]
public sealed class ErrorForTagHelper : TagHelper
{
    [HtmlAttributeName("error-for")] public string Key { get; set; } = "";
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var id = output.Attributes.TryGetAttribute("id", out var a) ? a.Value?.ToString() : null;
        FormFieldOrder.Of(ViewContext.HttpContext).Add(Key, id ?? FieldIds.For(Key));
    }
}

/// <summary>
/// The NHS.UK error summary: "There is a problem", then one entry a field (its first error), in the order the
/// fields appear on the page, each linking to its field. Errors of the whole form (key "") come first. The list is
/// written once the page has rendered, so it knows the order of the fields below it; a page only needs
/// <c>&lt;nhs-error-summary /&gt;</c> above its form and its errors in ModelState. The layout adds "Error: " to the title.
/// </summary>
[HtmlTargetElement("nhs-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsErrorSummaryTagHelper : TagHelper
{
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The errors of a form, one a field, in the order of its fields as far as the page has rendered them.</summary>
    public static IReadOnlyList<(string Anchor, string Message)> Entries(ModelStateDictionary state, FormFieldOrder order)
    {
        var errors = state
            .Where(e => e.Value is { ValidationState: ModelValidationState.Invalid } && e.Value.Errors.Count > 0)
            .Select((e, n) => (e.Key, e.Value!.Errors[0].ErrorMessage, Seen: n))
            .ToList();
        return errors
            .OrderBy(e => e.Key.Length == 0 ? -1 : order.IndexOf(e.Key) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(e => e.Seen)
            .Select(e => (order.AnchorOf(e.Key), e.ErrorMessage))
            .ToList();
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ModelState.ErrorCount == 0)
        {
            output.SuppressOutput();
            return;
        }
        var state = ViewContext.ModelState;
        var order = FormFieldOrder.Of(ViewContext.HttpContext);
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "nhsuk-error-summary");
        output.Attributes.SetAttribute("data-module", "nhsuk-error-summary");
        output.Content.SetHtmlContent(new Later(() =>
            "<div role=\"alert\"><h2 class=\"nhsuk-error-summary__title\">There is a problem</h2>" +
            "<div class=\"nhsuk-error-summary__body\"><ul class=\"nhsuk-list nhsuk-error-summary__list\">" +
            string.Concat(Entries(state, order).Select(e => $"<li><a href=\"#{HtmlEncoder.Default.Encode(e.Anchor)}\">{HtmlEncoder.Default.Encode(e.Message)}</a></li>")) +
            "</ul></div></div>"));
    }

    /// <summary>HTML made when the page is written out, after every field below the summary has rendered.</summary>
    private sealed class Later(Func<string> html) : Microsoft.AspNetCore.Html.IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => writer.Write(html());
    }
}

public static class Choices
{
    /// <summary>An enum's members as choices, valued by member name (what the model binder reads back).</summary>
    public static List<SelectListItem> Of<T>(Func<T, string> text, IEnumerable<T>? only = null) where T : struct, Enum =>
        (only ?? Enum.GetValues<T>()).Select(v => new SelectListItem(text(v), v.ToString())).ToList();

    /// <summary>Yes and no for a bool? field, valued as the field shows a bool ("True"), so the answer given stays checked.</summary>
    public static List<SelectListItem> YesNo() => [new("Yes", "True"), new("No", "False")];
}
