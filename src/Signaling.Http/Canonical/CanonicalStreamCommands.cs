using System.Buffers;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Signaling.Core;
using Signaling.Core.Errors;
using Signaling.Core.Invitations;
using Signaling.Core.Ports;
using Signaling.Http.Canonical.Requests;
using Signaling.Http.Problems;
using Signaling.Http.Streams;
using Signaling.Http.Validation;

namespace Signaling.Http.Canonical;

/// <summary>
/// The invitation commands on the <c>/v1/events</c> WebSocket. A command mirrors its HTTP request —
/// <c>{"id": 7, "method": "POST", "path": "/v1/invitations/{id}/accept", "body": {…}}</c> — and its reply mirrors the
/// response: <c>{"reply": 7, "status": 200, "body": …}</c>, the same JSON (the invitation, or a problem with its
/// <c>code</c>) that HTTP would answer, checked by the same validators. The socket's login is the caller.
/// </summary>
public sealed class CanonicalStreamCommands(
    InvitationService invitations, IValidator<CreateInvitationBody> createValidator, IValidator<ActionBody> actionValidator,
    IOptions<JsonOptions> json, SignalingMetrics metrics, ILogger<CanonicalStreamCommands> logger) : IStreamCommands
{
    private const string Invitations = "/v1/invitations";
    private const int MaxCommandIdLength = 64;
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public async Task<byte[]> HandleAsync(Actor actor, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame);
        }
        catch (JsonException ex)
        {
            return Reply(null, "Unreadable", Problems.Problems.From(BadRequestExceptionHandler.Describe(ex) with { Field = "command" }));
        }

        using (document)
        {
            var command = document.RootElement;
            if (command.ValueKind != JsonValueKind.Object)
            {
                return Reply(null, "Unreadable", Problems.Problems.From(SignalingError.Invalid("command",
                    "A command is a JSON object: {\"id\", \"method\", \"path\", \"body\"}.")));
            }

            if (!command.TryGetProperty("id", out var id) || id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)
                || id.GetRawText().Length > MaxCommandIdLength + 2)
            {
                return Reply(null, "Unreadable", Problems.Problems.From(SignalingError.Invalid("id",
                    $"'id' must be a string or a number of at most {MaxCommandIdLength} characters: the reply carries it back.")));
            }

            var (operation, result) = await RunAsync(actor, command, cancellationToken);
            return Reply(id, operation, result);
        }
    }

    public byte[] Refuse(SignalingError error) => Reply(null, "Unreadable", Problems.Problems.From(error));

    private async Task<(string Operation, IResult Result)> RunAsync(Actor actor, JsonElement command, CancellationToken cancellationToken)
    {
        var method = command.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var path = command.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "";
        JsonElement? body = command.TryGetProperty("body", out var b) && b.ValueKind != JsonValueKind.Null ? b : null;
        var (operation, route) = Route(method, path);
        try
        {
            return (operation, route switch
            {
                Problem refused => refused.Result,
                Create => await CreateAsync(actor, body, cancellationToken),
                Get get => Answer(await invitations.GetAsync(actor, get.Id, cancellationToken)),
                Act act => await ActAsync(actor, act, body, cancellationToken),
                _ => throw new InvalidOperationException("Unknown route."),
            });
        }
        catch (JsonException ex)
        {
            return (operation, Problems.Problems.From(BadRequestExceptionHandler.Describe(ex)));
        }
        catch (StoreUnavailableException)
        {
            metrics.StoreUnavailable();
            return (operation, Problems.Problems.From(BadRequestExceptionHandler.StoreUnavailable));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Unhandled error on the stream command {Method} {Path}", method, path);
            return (operation, Problems.Problems.Internal);
        }
    }

    private async Task<IResult> CreateAsync(Actor actor, JsonElement? body, CancellationToken cancellationToken)
    {
        var request = body?.Deserialize<CreateInvitationBody>(_json);
        if (request is null)
        {
            return Problems.Problems.From(SignalingError.Invalid("body", "The body is required: the invitation to create."));
        }

        if (ValidationFilter.Check(createValidator, request) is { } invalid)
        {
            return Problems.Problems.Validation(invalid.Errors, invalid.Code);
        }

        var result = await invitations.InviteAsync(actor, request.ToCore(), cancellationToken);
        if (!result.IsSuccess)
        {
            return Problems.Problems.From(result.Error);
        }

        var view = result.Value.Invitation.ToView();
        return result.Value.Replayed ? TypedResults.Ok(view) : TypedResults.Created($"{Invitations}/{view.Id}", view);
    }

    private async Task<IResult> ActAsync(Actor actor, Act act, JsonElement? body, CancellationToken cancellationToken)
    {
        var request = body?.Deserialize<ActionBody>(_json);
        if (request is not null && ValidationFilter.Check(actionValidator, request) is { } invalid)
        {
            return Problems.Problems.Validation(invalid.Errors, invalid.Code);
        }

        return Answer(await InvitationActions.ByVerb[act.Verb].Run(invitations, actor, act.Id, request?.Data, cancellationToken));
    }

    private static IResult Answer(Result<Invitation> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value.ToView()) : Problems.Problems.From(result.Error);

    /// <summary>The operation (its OpenAPI name) a method and path ask for, as the HTTP routes would match them.</summary>
    private static (string Operation, object Route) Route(string method, string path)
    {
        var segments = path.Split('?')[0].TrimEnd('/').Split('/');
        if (segments is not ["", "v1", "invitations", ..] || segments.Length > 5)
        {
            return ("Unroutable", new Problem(Problems.Problems.Unroutable(StatusCodes.Status404NotFound,
                $"The event stream takes the invitation commands ({Invitations}/…); send '{path}' as an HTTP request.")));
        }

        var (operation, wanted) = segments.Length switch
        {
            3 => ("CreateInvitation", HttpMethods.Post),
            4 => ("GetInvitation", HttpMethods.Get),
            _ when InvitationActions.ByVerb.TryGetValue(segments[4], out var action) => (action.Name, HttpMethods.Post),
            _ => ("Unroutable", ""),
        };
        if (wanted == "")
        {
            return (operation, new Problem(Problems.Problems.Unroutable(StatusCodes.Status404NotFound, $"No invitation command answers '{path}'.")));
        }

        if (!string.Equals(method, wanted, StringComparison.OrdinalIgnoreCase))
        {
            return (operation, new Problem(Problems.Problems.Unroutable(StatusCodes.Status405MethodNotAllowed, $"'{path}' takes {wanted}, not '{method}'.")));
        }

        if (segments.Length == 3)
        {
            return (operation, new Create());
        }

        var id = Uri.UnescapeDataString(segments[3]);
        if (Limits.CheckId("id", id) is { } badId)
        {
            return (operation, new Problem(Problems.Problems.From(badId)));
        }

        return (operation, segments.Length == 4 ? new Get(id) : new Act(id, segments[4]));
    }

    // A reply is written synchronously and only its bytes leave, so each thread reuses one buffer (a fresh one grew three
    // times per reply: ~7% of what a command allocated).
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_replyBuffer;

    private byte[] Reply(JsonElement? id, string operation, IResult result)
    {
        var (status, value, type) = result switch
        {
            ProblemHttpResult problem => (problem.StatusCode, (object)problem.ProblemDetails, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)),
            Created<InvitationView> created => (StatusCodes.Status201Created, created.Value!, typeof(InvitationView)),
            Ok<InvitationView> ok => (StatusCodes.Status200OK, ok.Value!, typeof(InvitationView)),
            _ => throw new InvalidOperationException($"No reply shape for {result.GetType().Name}."),
        };
        metrics.StreamCommand("v1", operation, status);
        var buffer = t_replyBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = _json.Encoder }))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("reply");
            if (id is { } known)
            {
                known.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteNumber("status", status);
            writer.WritePropertyName("body");
            JsonSerializer.Serialize(writer, value, _json.GetTypeInfo(type));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private sealed record Problem(IResult Result);

    private sealed record Create;

    private sealed record Get(string Id);

    private sealed record Act(string Id, string Verb);
}
