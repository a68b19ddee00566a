/** Values a hostile or broken peer might put where a well-formed field belongs (fast-check arbitraries). */
import fc from 'fast-check';

export const hostileValue = fc.oneof(
  fc.constant('1e309'),
  fc.constant('NaN'),
  fc.constant(2 ** 60),
  fc.constant(-1),
  fc.constant(null),
  fc.constant(''),
  fc.constant('9'.repeat(40)),
  fc.double(),
  fc.string(),
  fc.array(fc.integer()),
  fc.object(),
);
