// A Node module hook (`node --import ./test/helpers/intlLog.mjs …`) that prints `intl <what>` to
// stderr at each call that formats by locale (toLocaleString, localeCompare, the Intl
// constructors): the first such call loads ICU's locale data (~20 ms of CPU), which a small
// report should not pay for counts that `groupDigits` formats the same on every machine.
const log = (what) => process.stderr.write(`intl ${what}\n`);
for (const [proto, name, label] of [
  [Number.prototype, "toLocaleString", "Number#toLocaleString"],
  [BigInt.prototype, "toLocaleString", "BigInt#toLocaleString"],
  [Date.prototype, "toLocaleString", "Date#toLocaleString"],
  [Date.prototype, "toLocaleDateString", "Date#toLocaleDateString"],
  [Date.prototype, "toLocaleTimeString", "Date#toLocaleTimeString"],
  [String.prototype, "localeCompare", "String#localeCompare"],
]) {
  const original = proto[name];
  proto[name] = function (...args) {
    log(label);
    return original.apply(this, args);
  };
}
for (const name of [
  "NumberFormat",
  "Collator",
  "DateTimeFormat",
  "PluralRules",
  "ListFormat",
  "RelativeTimeFormat",
  "Segmenter",
]) {
  const original = Intl[name];
  Intl[name] = new Proxy(original, {
    construct(target, args, newTarget) {
      log(`Intl.${name}`);
      return Reflect.construct(target, args, newTarget);
    },
    apply(target, self, args) {
      log(`Intl.${name}`);
      return Reflect.apply(target, self, args);
    },
  });
}
