/**
 * MongoDB's query language as the reader admits it: the operators of MongoDB's documentation
 * (7.0) that run no code. `$where`, `$function` and `$accumulator` run JavaScript on the server and
 * are refused wherever they appear, even inside `$literal` or an embedded document.
 */
export const CODE_OPERATORS: ReadonlySet<string> = words(`
  $where $function $accumulator
`);

/** Operators that stand where a field name would, at the top of a query or inside `$and`, `$or`, `$nor`, `$elemMatch`. */
export const TOP_LEVEL_OPERATORS: ReadonlySet<string> = words(`
  $and $or $nor $expr $jsonSchema $text $comment
`);

/** Operators applied to a field: `{field: {$op: argument}}`. */
export const FIELD_OPERATORS: ReadonlySet<string> = words(`
  $eq $gt $gte $in $lt $lte $ne $nin $not $exists $type $mod $regex $options $all $elemMatch $size $bitsAllClear
  $bitsAllSet $bitsAnyClear $bitsAnySet $geoIntersects $geoWithin $near $nearSphere $maxDistance $minDistance
`);

/** Operators inside a geospatial operator's argument. */
export const GEO_OPERATORS: ReadonlySet<string> = words(`
  $geometry $box $polygon $center $centerSphere $maxDistance $minDistance $uniqueDocs
`);

/** The fields of `$text`. */
export const TEXT_OPERATORS: ReadonlySet<string> = words(`
  $search $language $caseSensitive $diacriticSensitive
`);

/** The aggregation expression operators `$expr` may use: every documented one but the two that run JavaScript. */
export const EXPRESSION_OPERATORS: ReadonlySet<string> = words(`
  $abs $add $ceil $divide $exp $floor $ln $log $log10 $mod $multiply $pow $round $sqrt $subtract $trunc
  $arrayElemAt $arrayToObject $concatArrays $filter $first $firstN $in $indexOfArray $isArray $last $lastN $map
  $maxN $minN $objectToArray $range $reduce $reverseArray $size $slice $sortArray $zip $bitAnd $bitNot $bitOr
  $bitXor $and $not $or $cmp $eq $gt $gte $lt $lte $ne $cond $ifNull $switch $binarySize $bsonSize $dateAdd
  $dateDiff $dateFromParts $dateFromString $dateSubtract $dateToParts $dateToString $dateTrunc $dayOfMonth
  $dayOfWeek $dayOfYear $hour $isoDayOfWeek $isoWeek $isoWeekYear $millisecond $minute $month $second $toDate
  $week $year $literal $getField $rand $sampleRate $mergeObjects $setField $unsetField $allElementsTrue
  $anyElementTrue $setDifference $setEquals $setIntersection $setIsSubset $setUnion $concat $indexOfBytes
  $indexOfCP $ltrim $regexFind $regexFindAll $regexMatch $replaceOne $replaceAll $rtrim $split $strLenBytes
  $strLenCP $strcasecmp $substr $substrBytes $substrCP $toLower $toString $trim $toUpper $meta $sin $cos $tan
  $asin $acos $atan $atan2 $asinh $acosh $atanh $sinh $cosh $tanh $degreesToRadians $radiansToDegrees $convert
  $isNumber $toBool $toDecimal $toDouble $toInt $toLong $toObjectId $type $avg $max $min $sum $stdDevPop
  $stdDevSamp $median $percentile $let
`);

/** Expression operators that read a field by a name given as data, out of reach of a path check. */
export const FIELD_BY_NAME_OPERATORS: ReadonlySet<string> = words(`
  $getField $setField $unsetField
`);

/** Expression variables that stand for the whole document. */
export const WHOLE_DOCUMENT_VARIABLES: ReadonlySet<string> = words(`
  $$ROOT $$CURRENT
`);

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}
