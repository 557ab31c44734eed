package io.lrasaga.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Turns every error a service can answer with into application/problem+json, so a client
 * never has to parse an HTML page or a stack trace, and each bad field is named.
 */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private ProblemMappers() {
    }

    @Provider
    public static class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
        @Override
        public Response toResponse(ProblemException e) {
            return e.problem().toResponse();
        }
    }

    /** Bean Validation failures, with the JSON path of each bad field ({@code items[0].quantity}). */
    @Provider
    public static class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<Problem.FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
                errors.add(new Problem.FieldError(fieldOf(violation.getPropertyPath()), violation.getMessage()));
            }
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            return Problem.validation(errors).toResponse();
        }

        // Drops the method and parameter nodes: "place.body.items[0].sku" -> "items[0].sku".
        static String fieldOf(Path path) {
            StringBuilder field = new StringBuilder();
            for (Path.Node node : path) {
                ElementKind kind = node.getKind();
                if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.PARAMETER
                        || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                    continue;
                }
                // An element of a list or map carries its position on the node after the container.
                if (node.isInIterable()) {
                    Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                    field.append('[').append(position == null ? "" : position).append(']');
                }
                if (kind == ElementKind.CONTAINER_ELEMENT || kind == ElementKind.BEAN || node.getName() == null) {
                    continue;
                }
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(node.getName());
            }
            return field.length() == 0 ? "body" : field.toString();
        }
    }

    /**
     * Wrong types and unknown properties: 400 naming the field. (Declared on the Jackson
     * subclasses so it wins over RESTEasy's own mapper for JsonProcessingException.)
     */
    @Provider
    public static class JsonMappingMapper implements ExceptionMapper<JsonMappingException> {
        @Override
        public Response toResponse(JsonMappingException e) {
            return JsonProblems.toResponse(e);
        }
    }

    /** Unparseable JSON and numbers out of range: 400. */
    @Provider
    public static class JsonReadMapper implements ExceptionMapper<StreamReadException> {
        @Override
        public Response toResponse(StreamReadException e) {
            return JsonProblems.toResponse(e);
        }
    }

    /**
     * A body over the parser's limits (a number of more than 1000 digits, nesting deeper than
     * 1000, a string of more than 20 M characters): 400. Without it RESTEasy's own mapper for
     * JsonProcessingException would answer a bare 400.
     */
    @Provider
    public static class JsonLimitsMapper implements ExceptionMapper<StreamConstraintsException> {
        @Override
        public Response toResponse(StreamConstraintsException e) {
            return JsonProblems.toResponse(e);
        }
    }

    static final class JsonProblems {
        static Response toResponse(JsonProcessingException e) {
            if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                String field = jsonPath(mapping.getPath());
                String message;
                if (e instanceof UnrecognizedPropertyException) {
                    message = "unknown property";
                } else if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
                    message = "wrong type or format";
                } else {
                    message = "cannot be read";
                }
                return Problem.of(ProblemType.MALFORMED_REQUEST, field + ": " + message)
                        .errors(List.of(new Problem.FieldError(field, message)))
                        .toResponse();
            }
            return Problem.of(ProblemType.MALFORMED_REQUEST, "the body is not valid JSON: "
                    + e.getOriginalMessage()).toResponse();
        }

        static String jsonPath(List<JsonMappingException.Reference> path) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference ref : path) {
                if (ref.getFieldName() != null) {
                    if (field.length() > 0) {
                        field.append('.');
                    }
                    field.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            return field.toString();
        }
    }

    /** Framework answers (404 for an unknown path, 405, 406, 415) keep their status, as problems. */
    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            // A JSON body that fails to bind arrives wrapped by RESTEasy.
            if (e.getCause() instanceof JsonProcessingException json) {
                return JsonProblems.toResponse(json);
            }
            ProblemType type;
            if (e instanceof NotFoundException) {
                type = ProblemType.NOT_FOUND;
            } else if (e instanceof NotAllowedException) {
                type = ProblemType.METHOD_NOT_ALLOWED;
            } else if (e instanceof NotSupportedException) {
                type = ProblemType.UNSUPPORTED_MEDIA_TYPE;
            } else if (e instanceof NotAcceptableException) {
                type = ProblemType.NOT_ACCEPTABLE;
            } else {
                int status = e.getResponse().getStatus();
                Response.StatusType statusType = Response.Status.fromStatusCode(status);
                String title = statusType != null ? statusType.getReasonPhrase() : "HTTP " + status;
                String id = status >= 500 ? ProblemType.INTERNAL.id() : ProblemType.MALFORMED_REQUEST.id();
                if (status >= 500) {
                    LOG.error("request failed", e);
                }
                return new Problem(id, title, status, status >= 500 ? title : e.getMessage()).toResponse();
            }
            return Problem.of(type, e.getMessage()).toResponse();
        }
    }

    /** Anything unexpected: logged with its stack, answered without it. */
    @Provider
    public static class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            // A refusal raised inside a flush or commit (a saga conflict found by the store
            // capture) reaches us wrapped by the transaction; it is still the answer.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof ProblemException problem) {
                    return problem.problem().toResponse();
                }
            }
            LOG.error("unexpected failure", e);
            return Problem.of(ProblemType.INTERNAL, "unexpected failure; see the service log").toResponse();
        }
    }
}
