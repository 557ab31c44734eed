package io.lrasaga.dataops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lrasaga.problem.Problem;
import io.lrasaga.problem.ProblemException;
import org.junit.jupiter.api.Test;

class DataOperationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A product as a store would describe it: sku (id), name, stock, price. */
    private static final EntitySchema PRODUCT = new EntitySchema() {
        private final Map<String, Class<?>> fields = new LinkedHashMap<>(Map.of("sku", String.class, "name",
                String.class, "stock", int.class, "price", BigDecimal.class));

        @Override
        public String name() {
            return "Product";
        }

        @Override
        public String idField() {
            return "sku";
        }

        @Override
        public Map<String, Class<?>> fields() {
            return fields;
        }

        @Override
        public Object convert(String field, JsonNode value) {
            Class<?> type = fields.get(field);
            if (type == int.class && !value.isIntegralNumber()) {
                throw new IllegalArgumentException("not an integer");
            }
            Class<?> target = type == int.class ? Integer.class : type;
            return JSON.convertValue(value, target);
        }
    };

    private static DataOperation parse(String json) throws Exception {
        return DataOperation.parse(JSON.readTree(json.replace('\'', '"')), PRODUCT);
    }

    private static List<String> errors(String json) {
        ProblemException refused = assertThrows(ProblemException.class, () -> parse(json));
        assertEquals("validation", refused.problem().getType());
        return refused.problem().getErrors().stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void aGuardedDecrementReadsAsConditionsAndAChange() throws Exception {
        DataOperation op = parse("{'operation':'update','where':{'sku':'mug','stock':{'$gte':2}},"
                + "'data':{'stock':{'$decrement':2},'name':{'$set':'Mug'}}}");

        assertEquals(DataOperation.Kind.UPDATE, op.operation());
        assertEquals(List.of(new DataOperation.Condition("sku", DataOperation.Comparison.EQ, "mug"),
                new DataOperation.Condition("stock", DataOperation.Comparison.GTE, 2)), op.where());
        assertEquals(3, op.data().get(0).applyTo(5));
        assertEquals("Mug", op.data().get(1).applyTo("old"));
    }

    @Test
    void decimalsChangeExactly() throws Exception {
        DataOperation op = parse("{'operation':'update','where':{'sku':{'$in':['a','b']}},"
                + "'data':{'price':{'$increment':0.10}}}");
        assertEquals(new BigDecimal("0.30"), op.data().get(0).applyTo(new BigDecimal("0.20")));
        assertEquals(List.of("a", "b"), op.where().get(0).value());
    }

    @Test
    void everyMistakeIsNamedAtOnce() {
        assertEquals(List.of("where.stock", "where.colour", "data.stock", "data.sku"), errors(
                "{'operation':'update','where':{'stock':{'$gtx':1},'colour':'red'},"
                        + "'data':{'stock':{'$increment':'lots'},'sku':'new-id'}}"));
        assertEquals(List.of("where"), errors("{'operation':'delete'}"));
        assertEquals(List.of("where", "data"), errors("{'operation':'update'}"));
        assertEquals(List.of("operation"), errors("{'operation':'merge','data':{'name':'x'}}"));
        assertEquals(List.of("data.stock"), errors("{'operation':'insert','data':{'sku':'x','stock':{'$increment':1}}}"));
        assertEquals(List.of("data.sku"), errors("{'operation':'upsert','data':{'name':'x'}}"));
        assertEquals(List.of("where"), errors("{'operation':'insert','where':{'sku':'x'},'data':{'sku':'x'}}"));
        assertEquals(List.of("data.stock"), errors("{'operation':'insert','data':{'sku':'x','stock':1.5}}"));
        assertEquals(List.of("where.name"), errors("{'operation':'delete','where':{'name':{'$gt':null}}}"));
        assertEquals(List.of("extra"), errors("{'operation':'delete','where':{'sku':'x'},'extra':1}"));
    }

    @Test
    void aDecrementBeyondTheFieldsRangeIsRefused() throws Exception {
        DataOperation op = parse("{'operation':'update','where':{'sku':'x'},'data':{'stock':{'$decrement':1}}}");
        ProblemException refused = assertThrows(ProblemException.class,
                () -> op.data().get(0).applyTo(Integer.MIN_VALUE));
        assertEquals("store-refused", refused.problem().getType());
    }
}
