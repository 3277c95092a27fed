// Types for snowball-stemmers (the package ships plain JS): only the Russian stemmer is used.
declare module 'snowball-stemmers' {
  export function newStemmer(language: string): { stem(word: string): string };
}
