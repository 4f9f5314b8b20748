using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pathway.Tests.Infrastructure;

/// <summary>
/// A small OTLP/HTTP collector on a loopback port: it accepts POST /v1/traces, /v1/logs and /v1/metrics in protobuf and
/// keeps every body as it came, for a test to decode.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> received = new();

    private OtlpReceiver(WebApplication app) => this.app = app;

    public Uri Address => new(app.Urls.First());

    public IReadOnlyList<byte[]> Bodies(string signal) => received.Where(r => r.Signal == signal).Select(r => r.Body).ToList();
    public IReadOnlyList<byte[]> AllBodies => received.Select(r => r.Body).ToList();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            // The exporter sends plain protobuf; a compressed body would hide what it carries from these tests.
            if (request.Headers.ContentEncoding.Count > 0) return Results.StatusCode(415);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.received.Enqueue((signal, body.ToArray()));
            // An empty Export*ServiceResponse: full success.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record ExportedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// Reads OTLP protobuf by its wire format (the generated OTLP classes are not on the package feed): enough of
/// ExportTraceServiceRequest to list spans with their ids, names and attributes.
/// </summary>
public static class OtlpWire
{
    private sealed record Field(int Number, int WireType, ulong Value, ReadOnlyMemory<byte> Bytes);

    private static IEnumerable<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    yield return new Field(number, wireType, Varint(message.Span, ref position), default);
                    break;
                case 1:
                    yield return new Field(number, wireType, BitConverter.ToUInt64(message.Span.Slice(position, 8)), default);
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return new Field(number, wireType, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    yield return new Field(number, wireType, BitConverter.ToUInt32(message.Span.Slice(position, 4)), default);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unexpected protobuf wire type {wireType} at byte {position}.");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }

    private static string Text(Field field) => Encoding.UTF8.GetString(field.Bytes.Span);
    private static string Hex(Field field) => Convert.ToHexString(field.Bytes.Span);

    /// <summary>ExportTraceServiceRequest: resource_spans(1) → scope_spans(2) → spans(2).</summary>
    public static IEnumerable<ExportedSpan> Spans(byte[] request) =>
        from resourceSpans in Fields(request).Where(f => f.Number == 1)
        from scopeSpans in Fields(resourceSpans.Bytes).Where(f => f.Number == 2)
        from span in Fields(scopeSpans.Bytes).Where(f => f.Number == 2)
        select Span(span.Bytes);

    /// <summary>Span: trace_id(1), span_id(2), parent_span_id(4), name(5), attributes(9).</summary>
    private static ExportedSpan Span(ReadOnlyMemory<byte> span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var attributes = new Dictionary<string, string>();
        foreach (var field in Fields(span))
        {
            switch (field.Number)
            {
                case 1: traceId = Hex(field); break;
                case 2: spanId = Hex(field); break;
                case 4: parent = Hex(field); break;
                case 5: name = Text(field); break;
                case 9:
                    var (key, value) = KeyValue(field.Bytes);
                    attributes[key] = value;
                    break;
            }
        }
        return new ExportedSpan(traceId, spanId, parent, name, attributes);
    }

    /// <summary>KeyValue: key(1), value(2) as AnyValue — string(1), bool(2), int(3), double(4); others as "".</summary>
    private static (string Key, string Value) KeyValue(ReadOnlyMemory<byte> keyValue)
    {
        string key = "", value = "";
        foreach (var field in Fields(keyValue))
        {
            if (field.Number == 1) key = Text(field);
            else if (field.Number == 2)
                foreach (var any in Fields(field.Bytes))
                    value = any.Number switch
                    {
                        1 => Text(any),
                        2 => (any.Value != 0).ToString(),
                        3 => ((long)any.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        4 => BitConverter.UInt64BitsToDouble(any.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => "",
                    };
        }
        return (key, value);
    }
}
